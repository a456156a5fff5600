/**
 * Repro / regression files (a contract, DESIGN §6 and §10): the target (absent: the bulk
 * engine), the configuration (a shipped name or inline), the variant, the decision list
 * or the strategy and seed, the expected outcome and the trace hash. A repro file is
 * untrusted input: it names a target and a configuration, but no path in it is followed.
 */
import { z } from 'zod';
import type { CaseReport, CaseSpec } from './case.ts';
import { configName, isConfigPath, parseConfig, parseJsonText, readInputFile } from './configuration.ts';
import { describeZodError, InputError, validateInput } from './input-error.ts';
import { signatureOf } from '../properties/signature.ts';
import { propertyNames } from './properties.ts';
import type { StrategySpec } from './strategy-spec.ts';
import { DEFAULT_TARGET, loadTarget, shippedTargetNames, type LoadedTarget } from './targets.ts';

const seed = z.number().int().min(0).max(2 ** 31 - 1);

/** Longest note a repro file may carry. */
export const MAX_NOTE = 2000;

/** The strategy part of a repro file. */
export const ReproStrategySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('random'), seed }),
  z.strictObject({ kind: z.literal('pct'), seed, depth: z.number().int().min(1).max(10), steps: z.number().int().positive().max(1e9) }),
  /** Go-like scheduling with `procs` processors (`GOMAXPROCS`). */
  z.strictObject({ kind: z.literal('go'), seed, procs: z.number().int().min(1).max(256) }),
  z.strictObject({
    kind: z.literal('decisions'),
    /** Each decision as [label, width, choice]. */
    decisions: z.array(z.tuple([z.string().min(1).max(200), z.number().int().min(2).max(2 ** 31 - 1), z.number().int().min(0)]).refine(([, w, c]) => c < w, { message: 'choice must be below width' })).max(50_000_000),
  }),
]);

/** A repro file as read (the target-specific fields are checked by {@link reproCase}). */
export const ReproSchema = z.strictObject({
  /** Format tag. */
  format: z.literal('dst-repro/1'),
  /** The target's name (absent: the bulk engine). Never a path. */
  target: z.string().regex(/^[a-z0-9][a-z0-9._/-]{0,80}$/, 'a shipped target name (lower case, digits, . _ / -)').optional(),
  /** A shipped configuration's name, or the configuration itself. */
  scenario: z.union([z.string().min(1).max(200), z.record(z.string(), z.unknown())]),
  variant: z.string().min(1).max(80),
  swarm: z.boolean().default(false),
  strategy: ReproStrategySchema,
  /** `pass`, or a property the case is expected to violate. */
  expect: z.string().min(1).max(80),
  /** The trace hash the case must reproduce. */
  traceHash: z.string().regex(/^[0-9a-f]{16}$/, '16 lower-case hex digits'),
  /** Why this file exists. */
  note: z.string().max(MAX_NOTE).default(''),
  /** The bug (violation signature) this file reproduces, when it was saved for one (`dst run --save`, `dst shrink`). */
  signature: z.string().min(1).max(500).optional(),
});

/** A parsed repro file. */
export type Repro = z.infer<typeof ReproSchema>;

/** Reads and validates a repro file's shape; any problem is an {@link InputError} naming the field. */
export function readRepro(file: string): Repro {
  const raw = parseJsonText(readInputFile(file, 'repro file'), `repro file ${file}`);
  return validateInput(ReproSchema, raw, `repro file ${file}`);
}

/**
 * The target a repro file is for. A shipped target is found by its name; any other
 * needs `--target PATH` on the command line, and the module's name must match the file's.
 */
export async function reproTarget(r: Repro, file: string, cliTarget?: string): Promise<LoadedTarget> {
  const want = r.target ?? DEFAULT_TARGET;
  if (cliTarget !== undefined) {
    const t = await loadTarget(cliTarget);
    if (t.target.name !== want) throw new InputError(`--target: ${cliTarget} is target ${t.target.name}, but repro file ${file} is for target ${want}`);
    return t;
  }
  if (!shippedTargetNames().includes(want)) throw new InputError(`repro file ${file}: target "${want}" is not shipped with dst; give its module with --target PATH`);
  return loadTarget(want);
}

/** The case a repro file describes, on its target; the configuration, variant and expectation are checked here. */
export function reproCase(r: Repro, file: string, target: LoadedTarget): CaseSpec {
  const t = target.target;
  let config: unknown;
  let ref: string;
  if (typeof r.scenario === 'string') {
    if (isConfigPath(r.scenario)) throw new InputError(`repro file ${file}: scenario: a repro file names a shipped scenario or holds it inline; a path in a file is not followed`);
    const named = t.configurations.find((c) => c.name === r.scenario);
    if (named === undefined) throw new InputError(`repro file ${file}: scenario: "${r.scenario}" is not a scenario of target ${t.name}`);
    config = named.config;
    ref = r.scenario;
  } else {
    config = parseConfig(t, r.scenario, `in repro file ${file}`);
    ref = file;
  }
  const variant = resolveVariantIn(target, r.variant, file);
  if (r.expect !== 'pass' && !propertyNames(t).includes(r.expect)) throw new InputError(`repro file ${file}: expect: "${r.expect}" is not pass or a property of target ${t.name} (${propertyNames(t).join(', ')})`);
  const s = r.strategy;
  const strategy: StrategySpec = s.kind === 'decisions' ? { kind: 'decisions', decisions: s.decisions.map(([label, width, choice]) => ({ label, width, choice })) } : s;
  return { target, config, configRef: ref, configName: configName(t, config, typeof r.scenario === 'string' ? r.scenario : 'inline'), variant, strategy, swarm: r.swarm, reproFile: file };
}

function resolveVariantIn(target: LoadedTarget, name: string, file: string): string {
  for (const v of target.target.variants) if (v.name === name || v.aliases?.includes(name)) return v.name;
  throw new InputError(`repro file ${file}: variant: "${name}" is not a variant of target ${target.target.name} (${target.target.variants.map((v) => v.name).join(', ')})`);
}

/** A repro file for a case that ran. A configuration given as a path is stored inline, so the file replays anywhere. */
export function makeRepro(spec: CaseSpec, report: CaseReport, note: string, decisions?: readonly { label: string; width: number; choice: number }[]): Repro {
  const strategy = decisions !== undefined
    ? { kind: 'decisions' as const, decisions: decisions.map((d) => [d.label, d.width, d.choice] as [string, number, number]) }
    : spec.strategy.kind === 'decisions'
      ? { kind: 'decisions' as const, decisions: spec.strategy.decisions.map((d) => [d.label, d.width, d.choice] as [string, number, number]) }
      : spec.strategy;
  const named = !isConfigPath(spec.configRef) && spec.reproFile !== spec.configRef && spec.target.target.configurations.some((c) => c.name === spec.configRef);
  const target = spec.target.target.name;
  return {
    format: 'dst-repro/1',
    ...(target !== DEFAULT_TARGET && { target }),
    scenario: named ? spec.configRef : (spec.config as Record<string, unknown>),
    variant: spec.variant,
    swarm: spec.swarm,
    strategy,
    expect: report.property ?? 'pass',
    traceHash: report.traceHash,
    note: clipNote(note),
  };
}

/** A note cut to fit a repro file ({@link MAX_NOTE} UTF-16 units, an ellipsis last), never splitting a surrogate pair. */
export function clipNote(note: string): string {
  if (note.length <= MAX_NOTE) return note;
  let end = MAX_NOTE - 1;
  const last = note.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose pair would be cut off
  return `${note.slice(0, end)}…`;
}

/**
 * Whether a case meets a repro file's expectation: `pass`, or the expected property is
 * among its violations (and the replay itself held); when the file names the bug's
 * `signature`, a violation must carry it.
 */
export function meetsExpectation(report: CaseReport, expect: string, signature?: string): boolean {
  if (typeof report.limit === 'string') return false; // a run a budget stopped shows nothing either way
  if (expect === 'pass') return report.passed;
  // A replay that diverged or leaked nondeterminism reproduces nothing, whatever else it shows.
  if (expect !== 'determinism' && report.violations.some((v) => v.property === 'determinism')) return false;
  return report.violations.some((v) => v.property === expect && (signature === undefined || signatureOf(v) === signature));
}

