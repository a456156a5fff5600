/**
 * `dst run`: seeded sweeps over scenarios (and variants), grouped into distinct bugs,
 * with a summary, retained memory, explanations and replay commands. Seeds come from a
 * range, a random start or a wall-clock budget (`cli/sweep/seeds.ts`), run on worker
 * threads when there are enough of them, and may stop at the first failure; `--strategy
 * exhaustive` delegates to exploration.
 */
import { SEVERITY_LABEL } from '../../properties/severity.ts';
import { smallestSpec } from '../../harness/bug-case.ts';
import { groupBugs, type Bug } from '../../harness/bugs.ts';
import type { CaseReport } from '../../harness/case.ts';
import { chooseConfig, defaultConfigRefs } from '../../harness/configuration.ts';
import { InputError } from '../../harness/input-error.ts';
import { scheduleNeeds, type ScheduleNeeds } from '../../harness/likelihood.ts';
import { propertiesOf } from '../../harness/properties.ts';
import { checkFits } from '../../harness/resource-budget.ts';
import type { SweepJob } from '../../harness/sweep.ts';
import { DEFAULT_TARGET, loadTarget, type LoadedTarget } from '../../harness/targets.ts';
import { parseChoice } from '../args.ts';
import { parseBudgetFlags } from '../budget-flags.ts';
import { startDeterminismCheck } from '../determinism/check.ts';
import { writeOut } from '../files.ts';
import { parseGomaxprocs, parseGoSeeds } from '../go-flags.ts';
import { println, type Io } from '../io.ts';
import { reportLimits } from '../limits.ts';
import { planOutputs, prepareOutputs } from '../outputs.ts';
import type { ReportedBug } from '../report/bugs.ts';
import { junitXml } from '../report/junit.ts';
import { Progress } from '../report/progress.ts';
import { renderOutcome } from '../report/run-human.ts';
import { failedRuns, outcomeJson, type SweepOutcome } from '../report/run-outcome.ts';
import { styleFor } from '../report/style.ts';
import { FindingSaver, reportSaveError } from '../save-finding.ts';
import { executePlan } from '../sweep/execute.ts';
import { planSize, type SweepPlan } from '../sweep/plan.ts';
import type { CaseSettings } from '../sweep/run-unit.ts';
import { MAX_SEED, parseSeedFlags, rangeText, seedAt, type SeedSelection } from '../sweep/seeds.ts';
import { parseWorkers, warnWorkers, workersFor } from '../workers/count.ts';
import { goPass } from './go-pass.ts';
import { runExhaustive } from './run-exhaustive.ts';
import { coveredIn, saveBugs, type SaveResult } from './save-bugs.ts';
import { parseVariants } from './variants-flag.ts';
import { coverageLines, coverageSweep } from '../../harness/coverage.ts';

/** Raw flags of `dst run`. */
export interface RunFlags {
  target?: string;
  scenario: string[];
  variant?: string;
  strategy: string;
  gomaxprocs?: string;
  goSeeds?: string;
  seeds?: string;
  seed?: string;
  budget?: string;
  bail?: boolean;
  workers?: string;
  shard?: string;
  save?: string;
  json?: boolean;
  timing?: boolean;
  junit?: string;
  junitPerRun?: boolean;
  quiet?: boolean;
  swarm?: boolean;
  checkDeterminism?: boolean;
  maxHeapMb?: string;
  maxWall?: string;
  /** False with `--no-races`. */
  races?: boolean;
  /** `--coverage`: interleaving coverage (a second, recording pass over the same seeds). */
  coverage?: boolean;
}

/** Runs `dst run`; returns the exit code. */
export async function runCommand(flags: RunFlags, io: Io): Promise<number> {
  const strategy = parseChoice('--strategy', flags.strategy, ['random', 'pct', 'go', 'exhaustive'] as const);
  if (flags.coverage === true && strategy === 'exhaustive') throw new InputError('--coverage: measures random, pct and go sweeps; dst explore covers every class instead');
  const goSeeds = parseGoSeeds(flags.goSeeds);
  const procs = parseGomaxprocs(flags.gomaxprocs, strategy, goSeeds);
  const target = await loadTarget(flags.target);
  const t = target.target;
  const variants = parseVariants(t, flags.variant);
  const scenarios = flags.scenario.length > 0 ? flags.scenario : defaultConfigRefs(t);
  if (scenarios.length === 0) throw new InputError(`--scenario: target ${t.name} has no configurations; name one (a .json file)`);
  const budget = parseBudgetFlags(flags);
  for (const s of scenarios) checkFits(t, chooseConfig(t, s).config, s, budget); // validate every configuration before running anything
  if (flags.swarm && t.swarm === undefined) throw new InputError(`--swarm: target ${t.name} has no swarm mode`);
  if (strategy === 'exhaustive') {
    if (variants.length > 1) throw new InputError('--variant: --strategy exhaustive explores one variant; name one');
    if (goSeeds > 0) throw new InputError('--go-seeds: does not apply to --strategy exhaustive');
    return runExhaustive(flags, target, variants[0] as string, scenarios, budget, io);
  }
  const sel = parseSeedFlags(flags);
  if (goSeeds > 0 && sel.shard !== null) throw new InputError('--go-seeds: its pass depends on the bugs of every shard, so shard reports could not be merged; run it without --shard');
  if (flags.junitPerRun && flags.junit === undefined) throw new InputError('--junit-per-run: it shapes the --junit file; give --junit FILE too');
  if (flags.timing && !flags.json) throw new InputError('--timing: it adds timing to the --json report; give --json too');
  const bail = flags.bail ?? false;
  const plan: SweepPlan = { variants, scenarios, seeds: sel, order: sel.budgetMs !== null || bail ? 'seed' : 'report' };
  const openEnded = sel.budgetMs !== null && sel.to === MAX_SEED && flags.seeds === undefined;
  const total = openEnded ? null : planSize(plan);
  const workersFlag = parseWorkers(flags.workers);
  const choice = workersFor(workersFlag, total);
  const workers = choice.workers;
  const outputs = planOutputs({ ...(flags.junit !== undefined && { file: { flag: '--junit', path: flags.junit } }), ...(flags.save !== undefined && { dir: { flag: '--save', path: flags.save } }) });
  prepareOutputs(outputs);
  warnWorkers(workersFlag, io);
  const settings: CaseSettings = { target: target.ref, strategy, swarm: flags.swarm ?? false, races: flags.races ?? true, budget, ...(strategy === 'go' && { procs }) };
  // --check-determinism re-runs every case in a separate process on another host (determinism/check.ts), not in this sweep.
  const jobOf = (variant: string): SweepJob => ({ target: target.ref, scenarios, variant, strategy, procs, seeds: [], swarm: settings.swarm, checkDeterminism: false, budget, races: settings.races });
  const check = flags.checkDeterminism ? startDeterminismCheck(target, jobOf(variants[0] as string)) : null;
  const st = styleFor(io.stdout.isTTY === true && !flags.json);
  if (!flags.json) println(io.stdout, st.dim(header({ t: t.name, scenarios, variants, strategy, procs, sel, total, workers, workersWhy: choice.why, bail, swarm: settings.swarm, host: check?.host ?? null })));
  const startedAt = Date.now(); // determinism-ok: the budget and the report's timing read the wall clock outside any simulation
  const deadline = sel.budgetMs !== null ? startedAt + sel.budgetMs : null; // for the progress ETA
  const progress = new Progress({ label: 'dst run', noun: 'run', total, deadline, out: io.stderr, quiet: flags.quiet === true });
  const coveredBefore = flags.save !== undefined ? await coveredIn(flags.save, target) : new Map<string, string>();
  const saver = flags.save !== undefined ? new FindingSaver(flags.save, target, new Set(coveredBefore.keys())) : null;
  const jobs = new Map(variants.map((v) => [v, jobOf(v)]));
  const properties = propertiesOf(t);
  const classOf = new Map(properties.map((p) => [p.name, p.severity == null ? 'determinism' : SEVERITY_LABEL[p.severity]]));
  const bugsSoFar = new Set<string>();
  let announced = false;
  const onCase = (r: CaseReport) => {
    saver?.onCase(r, jobs.get(r.variant) as SweepJob); // at once, so a sweep killed later keeps this bug
    check?.submit(r);
    if (!r.passed && !r.limit) for (const s of Object.keys(r.signatureCounts)) bugsSoFar.add(s);
    if (!r.passed && !announced && !flags.json) {
      announced = true;
      progress.clear();
      // determinism-ok: process.uptime() times the CLI itself, outside any simulation
      println(io.stdout, `${st.red('first failure')} after ${process.uptime().toFixed(1)} s: ${r.scenario} seed ${r.seed} ${st.bold(r.property ?? '')} [${classOf.get(r.property ?? '') ?? 'unknown'}; the bugs below come most severe first] (${st.dim(r.replay)})`);
    }
    progress.tick(1, bugsSoFar.size);
  };
  const ran = await executePlan({ target, settings, plan, workers, bail, budgetMs: sel.budgetMs, onCase });
  progress.finish();
  let reports = ran.reports;
  let rerunCount = 0;
  if (check !== null) {
    const done = await check.finish(reports, (merged, first) => {
      if (first.passed) saver?.onCase(merged, jobs.get(merged.variant) as SweepJob);
    });
    reports = done.reports;
    rerunCount = done.reruns;
  }
  const bugs = withNeeds(target, groupBugs(reports, properties), procs);
  if (goSeeds > 0 && bugs.length > 0) {
    if (!flags.json) println(io.stderr, `go-strategy pass: ${goSeeds} seeds per configuration with a bug (GOMAXPROCS ${procs})`);
    const base = { target: target.ref, swarm: settings.swarm, checkDeterminism: false, budget, races: settings.races };
    const rates = await goPass({ target, base, reports, bugs, seeds: goSeeds, procs, workers: workersFor(workersFlag, goSeeds).workers });
    for (let i = 0; i < bugs.length; i++) {
      const b = bugs[i] as ReportedBug;
      const go = rates.get(b.signature);
      if (go !== undefined) bugs[i] = { ...b, go };
    }
  }
  let saved: SaveResult = { saved: [], skipped: [] };
  if (flags.save !== undefined && saver?.error === null) {
    try {
      saved = await saveBugs(flags.save, bugs, target, procs, coveredBefore);
    } catch (e) {
      saver.error = e instanceof InputError ? e : new InputError(`--save: ${(e as Error).message}`);
    }
  }
  // The seeds that ran (a budget or --bail may have stopped short of the range), per variant.
  const ranSeeds = (v: string) => [...new Set(reports.filter((r) => r.variant === v && r.seed !== null).map((r) => r.seed as number))];
  const coverage = flags.coverage === true ? [...jobs.values()].map((j) => ({ variant: j.variant, ...coverageSweep(target, { ...j, seeds: ranSeeds(j.variant) }) })) : null;
  const outcome: SweepOutcome = {
    target: t.name,
    variants,
    scenarios,
    strategy,
    procs: strategy === 'go' ? procs : null,
    seeds: { from: sel.from, to: sel.to },
    shard: sel.shard,
    random: sel.random,
    budget: sel.budgetMs !== null ? budgetOutcome(sel, reports.length / (variants.length * scenarios.length), ran.stopped === 'budget') : null,
    bail: bail ? { stopped: ran.stopped === 'bail' } : null,
    swarm: settings.swarm,
    races: settings.races,
    properties: properties.map((p) => ({ name: p.name, severity: p.severity ?? 'determinism' })),
    reports,
    ms: ran.ms,
    bugs,
    reruns: check !== null ? { count: rerunCount, host: check.host } : null,
    saved: saved.saved.length > 0 ? saved.saved : [...(saver?.written.values() ?? [])],
    skipped: flags.save !== undefined ? saved.skipped : null,
    saveError: saver?.error?.message ?? null,
    wallMs: [Date.now() - startedAt], // determinism-ok: timing of the CLI
    timing: flags.timing === true,
    coverage,
  };
  const json = outcomeJson(outcome);
  if (flags.json) println(io.stdout, JSON.stringify(json));
  else for (const l of renderOutcome(outcome, st)) println(io.stdout, l);
  if (flags.junit !== undefined) writeOut('--junit', flags.junit, junitXml(outcome, { perRun: flags.junitPerRun === true }));
  const limited = reportLimits(reports, io);
  if (saver?.error) return reportSaveError(saver.error, io);
  if (failedRuns(outcome) > 0) return 1;
  return limited ? 2 : 0;
}

/** What `--budget` did: the whole seeds run and the seed flags that rerun exactly them. */
function budgetOutcome(sel: SeedSelection, seeds: number, stopped: boolean): NonNullable<SweepOutcome['budget']> {
  const shard = sel.shard !== null ? ` --shard ${sel.shard.index}/${sel.shard.count}` : '';
  const rerun = seeds > 0 ? `--seeds ${sel.from}..${seedAt(sel, seeds - 1)}${shard}` : null;
  return { ms: sel.budgetMs ?? 0, seeds, stopped, rerun };
}

/** What the header says. */
interface HeaderFacts {
  readonly t: string;
  readonly scenarios: readonly string[];
  readonly variants: readonly string[];
  readonly strategy: string;
  readonly procs: number;
  readonly sel: SeedSelection;
  readonly total: number | null;
  readonly workers: number;
  /** Why `--workers auto` kept to one thread on a large sweep, if it did. */
  readonly workersWhy: string | null;
  readonly bail: boolean;
  readonly swarm: boolean;
  readonly host: string | null;
}

/** `dst run: smoke, tiny on upstream, random seeds 0..199 (400 runs, 2 workers), swarm mode, ...`. */
function header(h: HeaderFacts): string {
  const on = h.t === DEFAULT_TARGET ? '' : `${h.t}: `;
  const s = h.sel;
  const shard = s.shard ? ` shard ${s.shard.index}/${s.shard.count}` : '';
  let seeds: string;
  if (s.random !== null) seeds = `seeds ${rangeText(s)} (random:${s.random.count}, start ${s.random.start} picked at random)${shard}`;
  else if (s.budgetMs !== null && h.total === null) seeds = `seeds from ${s.from}${shard} for ${s.budgetMs / 1000} s (--budget)`;
  else seeds = `seeds ${rangeText(s)}${shard}${s.budgetMs !== null ? `, at most ${s.budgetMs / 1000} s (--budget)` : ''}`;
  const how = `${h.strategy}${h.strategy === 'go' ? ` (GOMAXPROCS ${h.procs})` : ''} ${seeds}`;
  const runs = h.total === null ? `${h.scenarios.length * h.variants.length} runs per seed` : `${h.total} runs`;
  const check = h.host !== null ? `, each re-run in a separate process (${h.host}) to check determinism` : '';
  const extras = [h.swarm ? 'swarm mode (fault kinds and option values switched on or off per seed)' : null, h.bail ? 'stopping at the first failure (--bail)' : null].filter((x) => x !== null);
  return `dst run: ${on}${h.scenarios.join(', ')} on ${h.variants.join(', ')}, ${how} (${runs}${h.workers > 1 ? `, ${h.workers} workers` : ''}${h.workersWhy !== null ? `, ${h.workersWhy}` : ''}${check})${extras.map((x) => `, ${x}`).join('')}`;
}

/** Each bug with what its smallest run's schedule needs (bugs that share a smallest run share its re-runs). */
function withNeeds(target: LoadedTarget, bugs: readonly Bug[], procs: number): ReportedBug[] {
  const byRun = new Map<string, Bug[]>();
  for (const b of bugs) {
    const key = `${b.smallest.scenarioRef}\u0000${b.smallest.variant}\u0000${b.smallest.seed}`;
    byRun.set(key, [...(byRun.get(key) ?? []), b]);
  }
  const needs = new Map<string, ScheduleNeeds>();
  for (const group of byRun.values()) {
    const spec = smallestSpec(target, group[0] as Bug, procs);
    if (spec === null) continue;
    for (const [sig, n] of scheduleNeeds(spec, (group[0] as Bug).smallest.steps, group.map((b) => b.signature))) needs.set(sig, n);
  }
  return bugs.map((b) => {
    const n = needs.get(b.signature);
    return n === undefined ? b : { ...b, needs: n };
  });
}
