/**
 * `dst explore`: exhaustive search of a small scenario, with partial-order reduction
 * (source-DPOR, the default) or without, under a preemption bound or none (also what
 * `dst run --strategy exhaustive` does for each scenario, with the defaults: reduced, no bound).
 */
import { InputError, oneLine } from '../../harness/input-error.ts';
import { checkFits, type BudgetOverrides } from '../../harness/resource-budget.ts';
import { parseBudgetFlags } from '../budget-flags.ts';
import type { CaseSpec } from '../../harness/case.ts';
import { chooseConfig, resolveVariant } from '../../harness/configuration.ts';
import { exploreCase, exploreSpec, type ExploreReport, type Reduction } from '../../harness/explore.ts';
import { hostTimeMs } from '../../sim/index.ts';
import { exploreProgress } from './explore-progress.ts';
import { makeRepro } from '../../harness/repro.ts';
import { loadTarget, type LoadedTarget } from '../../harness/targets.ts';
import { parseChoice, parsePositiveInt } from '../args.ts';
import { writeInside } from '../files.ts';
import { planOutputs, prepareOutputs } from '../outputs.ts';
import { println, type Io } from '../io.ts';
import { styleFor } from '../report/style.ts';
import { formatCount, plural } from '../report/units.ts';
import { filePrefix, racesWords, replayLine, shellQuote, targetWords } from '../../harness/commands.ts';

/** Raw flags of `dst explore`. */
export interface ExploreFlags {
  target?: string;
  scenario?: string;
  variant?: string;
  /** Absent: `none` with the reduction, 2 without. */
  bound?: string;
  maxSchedules: string;
  /** `dpor` (default) or `none`. */
  reduction?: string;
  save?: string;
  json?: boolean;
  quiet?: boolean;
  maxHeapMb?: string;
  maxWall?: string;
  /** False with `--no-races`. */
  races?: boolean;
  /** `--keep-going`: explore past failures, to the end of the space. */
  keepGoing?: boolean;
}

/** One exploration and where its failing case was saved. */
export interface Explored {
  readonly report: ExploreReport;
  /** Whether the configuration offers time slips (a timer fired while tasks can run). */
  readonly timeSlip: boolean;
  /** The target's fairness bound on this configuration, if it runs under one (the reduction may miss schedules there). */
  readonly fairnessBound: number | null;
  readonly saved: string | null;
  readonly replay: string;
}

/** How `exploreOne` reduces and reports progress (default: no reduction, silent). */
export interface ExploreHow {
  readonly reduction?: Reduction;
  /** Where progress goes (none without it). */
  readonly io?: Io;
  /** `--quiet`: no progress. */
  readonly quiet?: boolean;
  /** Go on past failures to the end of the space. */
  readonly keepGoing?: boolean;
}

/**
 * Explores one scenario. The first failure is saved as a repro file into `saveDir` when
 * given; either way it has an exact replay command (without a file: `--choices`, the
 * choice of each decision), and nothing is written anywhere else.
 */
export function exploreOne(target: LoadedTarget, ref: string, variant: string, bound: number, max: number, saveDir: string | undefined, budget: BudgetOverrides = {}, races = true, how: ExploreHow = {}): Explored {
  const base = exploreSpec(target, ref, variant, budget, races);
  checkFits(target.target, base.config, ref, budget);
  const ticker = how.io ? exploreProgress(how.io, max, how.quiet === true) : null;
  const report = exploreCase(base, bound, max, { reduction: how.reduction ?? 'none', keepGoing: how.keepGoing === true, ...(ticker ? { onProgress: (p) => ticker.tick(p) } : {}) }, hostTimeMs);
  ticker?.finish();
  let saved: string | null = null;
  let replay = '';
  if (report.failure !== null) {
    const spec: CaseSpec = { ...base, strategy: { kind: 'decisions', decisions: report.failure.decisionList } };
    if (saveDir !== undefined) {
      const repro = makeRepro(spec, report.failure, `found by dst explore --reduction ${report.reduction} --bound ${boundWord(bound)} after ${report.schedules} schedules`);
      saved = writeInside(saveDir, `${filePrefix(target.target.name)}${base.configName}-${variant}-explore-${report.reduction === 'dpor' ? 'dpor-' : ''}bound${boundWord(bound)}-${report.failure.traceHash.slice(0, 8)}.json`, `${JSON.stringify(repro, null, 2)}\n`);
    }
    replay = saved ? ['npx dst replay', shellQuote(saved), ...(target.shipped ? [] : targetWords({ target })), ...racesWords(spec)].join(' ') : replayLine(spec);
  }
  const limits = target.target.limits(base.config);
  return { report, saved, replay, timeSlip: limits.timeSlip === true, fairnessBound: limits.fairnessBound ?? null };
}

/**
 * Why an exhausted reduced search is not a proof, or null: a preemption bound or a target's
 * fairness bound may each make the reduction miss schedules. Plain DFS covers its bound's
 * whole space.
 */
function reductionGap(e: Explored): string | null {
  const r = e.report;
  if (r.reduction !== 'dpor') return null;
  if (Number.isFinite(r.bound)) return ` within ${r.bound} preemptions; not a proof: a bound over the reduction may miss schedules (--reduction none explores every schedule within the bound)`;
  if (e.fairnessBound !== null) return `; not a proof: under the target's fairness bound (${e.fairnessBound}) the reduction may miss schedules (--reduction none explores every schedule within the preemption bound that the fairness bound allows)`;
  return null;
}

/** Whether an exhausted exploration covered its whole space (see {@link reductionGap}). */
export function exploredCompletely(e: Explored): boolean {
  return e.report.exhausted && e.report.limit === null && reductionGap(e) === null;
}

/** The JSON object of one exploration. */
export function exploreJson(e: Explored): Record<string, unknown> {
  const { failure, wallMs, ...rest } = e.report;
  return {
    ...rest,
    complete: exploredCompletely(e),
    bound: Number.isFinite(rest.bound) ? rest.bound : 'none',
    wallMs: Math.round(wallMs),
    violations: failure ? failure.violations.map((v) => ({ property: v.property, message: v.message })) : [],
    failure: failure && { property: failure.property, message: failure.message, traceHash: failure.traceHash, decisions: failure.decisionList.length, replay: e.replay },
    saved: e.saved,
  };
}

/** Human lines of one exploration. */
export function exploreLines(e: Explored, io: Io): string[] {
  const st = styleFor(io.stdout.isTTY === true);
  const r = e.report;
  const how = r.exhausted ? 'space exhausted' : r.limit !== null ? 'stopped by a budget of dst (inconclusive)' : r.failure && r.failingSchedules === 1 ? 'stopped at the first violation' : `not exhausted (budget ${r.maxSchedules})`;
  const reduced = r.reduction === 'dpor' ? `, ${formatCount(r.classes ?? 0)} ${(r.classes ?? 0) === 1 ? 'class' : 'classes'}, ${formatCount(r.redundant)} redundant (source-DPOR)` : '';
  const bounded = Number.isFinite(r.bound);
  const bound = bounded ? `preemption bound ${r.bound}` : 'no preemption bound';
  const lines = [`explored ${plural(r.schedules, 'schedule')}${reduced} of ${r.scenario} on ${r.variant} (${bound}) in ${(r.wallMs / 1000).toFixed(1)} s: ${how}`];
  const gap = reductionGap(e);
  if (r.limit !== null) lines.push(st.yellow(`no violation before the budget stopped it: ${r.limit}`));
  else if (r.failure === null && r.exhausted && gap !== null) {
    // A search, not a proof (npm run bounded-coverage measures what a bound misses).
    lines.push(st.yellow(`no violation in the schedules explored${gap}`));
  } else if (r.failure === null && r.exhausted) {
    const scope = r.reduction === 'dpor' ? 'every interleaving (one schedule run per class of equivalent ones)' : bounded ? `every schedule within ${r.bound} preemptions` : 'every schedule';
    lines.push(st.green(`no violation: every property holds on ${scope} of this configuration, with every select, timer, fault and draw outcome tried`));
  } else if (r.failure === null) lines.push(st.yellow(`no violation in the schedules explored; not a proof: the space was not exhausted (raise --max-schedules${e.timeSlip && !bounded ? '; with time slips the unbounded space is vast: try --bound 2, with --reduction none for a complete search within it' : ''})`));
  else {
    if (r.failingSchedules > 1 || r.exhausted) lines.push(st.red(`✗ ${plural(r.failingSchedules, 'schedule')} failed; violated: ${r.violated.map((v) => `${v.property} (${formatCount(v.schedules)})`).join(', ')}`), '  the first:');
    lines.push(st.red(`✗ ${r.failure.property}: ${r.failure.message}`), `    replay: ${e.replay}`);
  }
  return lines;
}

/** Parses the bound (`none`: Infinity), the budget and the reduction. */
export function exploreBounds(flags: { bound?: string; maxSchedules: string; reduction?: string }): { bound: number; max: number; reduction: Reduction } {
  const reduction = parseChoice('--reduction', flags.reduction ?? 'dpor', ['dpor', 'none'] as const);
  const word = flags.bound ?? (reduction === 'dpor' ? 'none' : '2');
  if (word !== 'none' && !/^\d+$/.test(word)) throw new InputError(`--bound: "${word}" is not a non-negative integer or none`);
  const bound = word === 'none' ? Number.POSITIVE_INFINITY : parsePositiveInt('--bound', word, 100, true);
  return { bound, max: parsePositiveInt('--max-schedules', flags.maxSchedules, 10_000_000), reduction };
}

/** A bound as the command line spells it. */
function boundWord(bound: number): string {
  return Number.isFinite(bound) ? String(bound) : 'none';
}

/** The one line said when a preemption bound is combined with the reduction. */
export function boundedReductionWarning(bound: number): string {
  return `dst explore: --bound ${bound} with --reduction dpor may miss schedules (a preemption bound is not sound over a reduced search); use --bound none, or --reduction none`;
}

/** Warns on stderr when `ref` runs under a fairness bound, where the reduction may miss schedules. */
export function warnFairnessBound(command: string, target: LoadedTarget, ref: string, io: Io, unreduced = '--reduction none'): void {
  const fair = target.target.limits(chooseConfig(target.target, ref).config).fairnessBound;
  if (fair !== undefined) io.stderr.write(`${command}: ${target.target.name} runs under a fairness bound (${fair}); with --reduction dpor it may miss schedules (which task the bound forces depends on the order of independent steps); use ${unreduced} for a complete search within it\n`);
}

/** Runs `dst explore`; returns the exit code. */
export async function exploreCommand(flags: ExploreFlags, io: Io): Promise<number> {
  const { bound, max, reduction } = exploreBounds(flags);
  const budget = parseBudgetFlags(flags);
  const target = await loadTarget(flags.target);
  const variant = resolveVariant(target.target, flags.variant);
  const ref = flags.scenario ?? defaultExploreConfig(target);
  checkFits(target.target, chooseConfig(target.target, ref).config, ref, budget);
  if (flags.save !== undefined) prepareOutputs(planOutputs({ dir: { flag: '--save', path: flags.save } }));
  if (reduction === 'dpor' && Number.isFinite(bound)) io.stderr.write(`${boundedReductionWarning(bound)}\n`);
  if (reduction === 'dpor') warnFairnessBound('dst explore', target, ref, io);
  const e = exploreOne(target, ref, variant, bound, max, flags.save, budget, flags.races ?? true, { reduction, io, quiet: flags.quiet === true, keepGoing: flags.keepGoing === true });
  if (flags.json) println(io.stdout, JSON.stringify(exploreJson(e)));
  else for (const l of exploreLines(e, io)) println(io.stdout, l);
  if (e.report.failure !== null) return 1;
  return reportExploreLimit(e, io) ? 2 : 0;
}

/** After the report: one stderr line when a budget of the tool stopped the exploration; returns whether one did. */
export function reportExploreLimit(e: Explored, io: Io): boolean {
  if (e.report.limit === null) return false;
  io.stderr.write(`dst: ${oneLine(`exploring ${e.report.scenario} stopped by a budget of dst after ${e.report.schedules} schedules (not a finding): ${e.report.limit}`)}\n`);
  return true;
}

/** What `dst explore` explores when no scenario is named: the target's choice, else its first configuration. */
function defaultExploreConfig(target: LoadedTarget): string {
  const pick = target.target.exploreConfiguration ?? target.target.configurations[0]?.name;
  if (pick === undefined) throw new InputError(`--scenario: target ${target.target.name} has no configurations; name one (a .json file)`);
  return pick;
}
