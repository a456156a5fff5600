/**
 * `dst explore`: exhaustive search of a small scenario under a preemption bound (also
 * what `dst run --strategy exhaustive` does for each scenario).
 */
import { InputError, oneLine } from '../../harness/input-error.ts';
import { checkFits, type BudgetOverrides } from '../../harness/resource-budget.ts';
import { parseBudgetFlags } from '../budget-flags.ts';
import type { CaseSpec } from '../../harness/case.ts';
import { chooseConfig, resolveVariant } from '../../harness/configuration.ts';
import { exploreCase, type ExploreReport } from '../../harness/explore.ts';
import { makeRepro } from '../../harness/repro.ts';
import { loadTarget, type LoadedTarget } from '../../harness/targets.ts';
import { parsePositiveInt } from '../args.ts';
import { writeInside } from '../files.ts';
import { planOutputs, prepareOutputs } from '../outputs.ts';
import { println, type Io } from '../io.ts';
import { Progress } from '../report/progress.ts';
import { styleFor } from '../report/style.ts';
import { filePrefix, replayLine, shellQuote, targetWords } from '../../harness/commands.ts';

/** Raw flags of `dst explore`. */
export interface ExploreFlags {
  target?: string;
  scenario?: string;
  variant?: string;
  bound: string;
  maxSchedules: string;
  save?: string;
  json?: boolean;
  quiet?: boolean;
  maxHeapMb?: string;
  maxWall?: string;
  /** False with `--no-races`. */
  races?: boolean;
}

/** One exploration and where its failing case was saved. */
export interface Explored {
  readonly report: ExploreReport;
  readonly saved: string | null;
  readonly replay: string;
}

/**
 * Explores one scenario. The first failure is saved as a repro file into `saveDir` when
 * given; either way it has an exact replay command (without a file: `--choices`, the
 * choice of each decision), and nothing is written anywhere else.
 */
export function exploreOne(target: LoadedTarget, ref: string, variant: string, bound: number, max: number, saveDir: string | undefined, budget: BudgetOverrides = {}, races = true, onSchedule?: (n: number) => void): Explored {
  const chosen = chooseConfig(target.target, ref);
  checkFits(target.target, chosen.config, ref, budget);
  const base: CaseSpec = { target, config: chosen.config, configRef: chosen.ref, configName: chosen.name, variant, strategy: { kind: 'decisions', decisions: [] }, swarm: false, budget, races };
  const report = exploreCase(base, bound, max, onSchedule);
  let saved: string | null = null;
  let replay = '';
  if (report.failure !== null) {
    const spec: CaseSpec = { ...base, strategy: { kind: 'decisions', decisions: report.failure.decisionList } };
    if (saveDir !== undefined) {
      const repro = makeRepro(spec, report.failure, `found by dst explore --bound ${bound} after ${report.schedules} schedules`);
      saved = writeInside(saveDir, `${filePrefix(target.target.name)}${chosen.name}-${variant}-explore-bound${bound}-${report.failure.traceHash.slice(0, 8)}.json`, `${JSON.stringify(repro, null, 2)}\n`);
    }
    replay = saved ? ['npx dst replay', shellQuote(saved), ...(target.shipped ? [] : targetWords({ target }))].join(' ') : replayLine(spec);
  }
  return { report, saved, replay };
}

/** The JSON object of one exploration. */
export function exploreJson(e: Explored): Record<string, unknown> {
  const { failure, ...rest } = e.report;
  return {
    ...rest,
    violations: failure ? failure.violations.map((v) => ({ property: v.property, message: v.message })) : [],
    failure: failure && { property: failure.property, message: failure.message, traceHash: failure.traceHash, decisions: failure.decisionList.length, replay: e.replay },
    saved: e.saved,
  };
}

/** Human lines of one exploration. */
export function exploreLines(e: Explored, io: Io): string[] {
  const st = styleFor(io.stdout.isTTY === true);
  const r = e.report;
  const how = r.exhausted ? 'space exhausted' : r.failure ? 'stopped at the first violation' : r.limit !== null ? 'stopped by a budget of dst (inconclusive)' : `not exhausted (budget ${r.maxSchedules})`;
  const lines = [`explored ${r.schedules} schedules of ${r.scenario} on ${r.variant} (preemption bound ${r.bound}): ${how}`];
  if (r.limit !== null) lines.push(st.yellow(`no violation before the budget stopped it: ${r.limit}`));
  else if (r.failure === null) lines.push(st.green('no violation'));
  else lines.push(st.red(`✗ ${r.failure.property}: ${r.failure.message}`), `    replay: ${e.replay}`);
  return lines;
}

/** Parses the bound and the budget. */
export function exploreBounds(flags: { bound: string; maxSchedules: string }): { bound: number; max: number } {
  return { bound: parsePositiveInt('--bound', flags.bound, 100, true), max: parsePositiveInt('--max-schedules', flags.maxSchedules, 10_000_000) };
}

/** Runs `dst explore`; returns the exit code. */
export async function exploreCommand(flags: ExploreFlags, io: Io): Promise<number> {
  const { bound, max } = exploreBounds(flags);
  const budget = parseBudgetFlags(flags);
  const target = await loadTarget(flags.target);
  const variant = resolveVariant(target.target, flags.variant);
  const ref = flags.scenario ?? defaultExploreConfig(target);
  checkFits(target.target, chooseConfig(target.target, ref).config, ref, budget);
  if (flags.save !== undefined) prepareOutputs(planOutputs({ dir: { flag: '--save', path: flags.save } }));
  const progress = new Progress({ label: 'dst explore', noun: 'schedule', total: max, totalIsBound: true, out: io.stderr, quiet: flags.quiet === true });
  const e = exploreOne(target, ref, variant, bound, max, flags.save, budget, flags.races ?? true, () => progress.tick());
  progress.finish();
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
