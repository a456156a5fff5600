/**
 * Repro / regression files (a contract, DESIGN §6): scenario (name or inline), variant,
 * the decision list or the strategy and seed, the expected outcome and the trace hash.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { VARIANTS, type VariantName } from '../engine/index.ts';
import { PROPERTY_NAMES } from '../properties/names.ts';
import { loadScenario, parseScenario } from '../scenario/load.ts';
import { ScenarioSchema } from '../scenario/schema.ts';
import type { CaseReport, CaseSpec } from './case.ts';
import { describeZodError, InputError } from './input-error.ts';
import type { StrategySpec } from './strategy-spec.ts';

const seed = z.number().int().min(0).max(2 ** 31 - 1);

/** The strategy part of a repro file. */
export const ReproStrategySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('random'), seed }),
  z.strictObject({ kind: z.literal('pct'), seed, depth: z.number().int().min(1).max(10), steps: z.number().int().positive() }),
  z.strictObject({
    kind: z.literal('decisions'),
    /** Each decision as [label, width, choice]. */
    decisions: z.array(z.tuple([z.string().min(1), z.number().int().min(2), z.number().int().min(0)]).refine(([, w, c]) => c < w, { message: 'choice must be below width' })),
  }),
]);

/** A repro file. */
export const ReproSchema = z.strictObject({
  /** Format tag. */
  format: z.literal('dst-repro/1'),
  /** A shipped scenario's name, or the scenario itself. */
  scenario: z.union([z.string().min(1), ScenarioSchema]),
  variant: z.enum(Object.keys(VARIANTS) as [VariantName, ...VariantName[]]),
  swarm: z.boolean().default(false),
  strategy: ReproStrategySchema,
  /** `pass`, or a property the case is expected to violate. */
  expect: z.enum(['pass', ...PROPERTY_NAMES]),
  /** The trace hash the case must reproduce. */
  traceHash: z.string().regex(/^[0-9a-f]{16}$/, '16 lower-case hex digits'),
  /** Why this file exists. */
  note: z.string().max(2000).default(''),
});

/** A parsed repro file. */
export type Repro = z.infer<typeof ReproSchema>;

/** Reads and validates a repro file; any problem is an {@link InputError} naming the field. */
export function readRepro(file: string): Repro {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`repro file ${file}: cannot be read`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`repro file ${file}: malformed JSON: ${(e as Error).message}`);
  }
  const r = ReproSchema.safeParse(raw);
  if (!r.success) throw new InputError(describeZodError(`repro file ${file}`, r.error));
  return r.data;
}

/** The case a repro file describes. */
export function reproCase(r: Repro, file: string): CaseSpec {
  const scenario = typeof r.scenario === 'string' ? loadScenario(r.scenario) : parseScenario(r.scenario, file);
  const s = r.strategy;
  const strategy: StrategySpec = s.kind === 'decisions' ? { kind: 'decisions', decisions: s.decisions.map(([label, width, choice]) => ({ label, width, choice })) } : s;
  return { scenario, scenarioRef: typeof r.scenario === 'string' ? r.scenario : file, variant: r.variant, strategy, swarm: r.swarm, reproFile: file };
}

/** A repro file for a case that ran. */
export function makeRepro(spec: CaseSpec, report: CaseReport, note: string, decisions?: readonly { label: string; width: number; choice: number }[]): Repro {
  const strategy = decisions !== undefined
    ? { kind: 'decisions' as const, decisions: decisions.map((d) => [d.label, d.width, d.choice] as [string, number, number]) }
    : spec.strategy.kind === 'decisions'
      ? { kind: 'decisions' as const, decisions: spec.strategy.decisions.map((d) => [d.label, d.width, d.choice] as [string, number, number]) }
      : spec.strategy;
  return {
    format: 'dst-repro/1',
    scenario: spec.scenarioRef.endsWith('.json') ? spec.scenario : spec.scenarioRef,
    variant: spec.variant,
    swarm: spec.swarm,
    strategy,
    expect: report.property ?? 'pass',
    traceHash: report.traceHash,
    note,
  };
}

/** Whether a case meets a repro file's expectation: `pass`, or the expected property is among its violations (and the replay itself held). */
export function meetsExpectation(report: CaseReport, expect: Repro['expect']): boolean {
  if (expect === 'pass') return report.passed;
  // A replay that diverged or leaked nondeterminism reproduces nothing, whatever else it shows.
  if (expect !== 'determinism' && report.violations.some((v) => v.property === 'determinism')) return false;
  return report.violations.some((v) => v.property === expect);
}
