/**
 * `dst run`: seeded sweeps over scenarios (and variants), grouped into distinct bugs,
 * with a summary, retained memory, explanations and replay commands; `--strategy
 * exhaustive` delegates to exploration.
 */
import { smallestSpec } from '../../harness/bug-case.ts';
import { groupBugs, type Bug } from '../../harness/bugs.ts';
import { scheduleNeeds, type ScheduleNeeds } from '../../harness/likelihood.ts';
import type { CaseReport } from '../../harness/case.ts';
import { chooseConfig, defaultConfigRefs } from '../../harness/configuration.ts';
import { InputError } from '../../harness/input-error.ts';
import { propertiesOf, propertyNames } from '../../harness/properties.ts';
import { checkFits, type BudgetOverrides } from '../../harness/resource-budget.ts';
import type { SweepJob } from '../../harness/sweep.ts';
import { DEFAULT_TARGET, loadTarget, type LoadedTarget } from '../../harness/targets.ts';
import { parseSeed, parseSeeds, parseShard, parseChoice, shardSeeds } from '../args.ts';
import { parseBudgetFlags, parseWorkers, warnWorkers } from '../budget-flags.ts';
import { startDeterminismCheck } from '../determinism/check.ts';
import { parseGomaxprocs, parseGoSeeds } from '../go-flags.ts';
import { println, type Io } from '../io.ts';
import { reportLimits } from '../limits.ts';
import { planOutputs, prepareOutputs } from '../outputs.ts';
import { renderBugs, type ReportedBug } from '../report/bugs.ts';
import { bugJson, retentionJson } from '../report/bugs-json.ts';
import { runReport } from '../report/json.ts';
import { renderMatrix } from '../report/matrix.ts';
import { Progress } from '../report/progress.ts';
import { renderRetention, retentionByScenario } from '../report/retention.ts';
import { styleFor } from '../report/style.ts';
import { renderSummary } from '../report/summary.ts';
import { FindingSaver, reportSaveError } from '../save-finding.ts';
import { exploreJson, exploreLines, exploreOne, reportExploreLimit } from './explore.ts';
import { goPass } from './go-pass.ts';
import { coveredIn, saveBugs, type SaveResult } from './save-bugs.ts';
import { sweepReports } from './sweep-runner.ts';
import { parseVariants } from './variants-flag.ts';

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
  workers: string;
  shard?: string;
  save?: string;
  json?: boolean;
  swarm?: boolean;
  checkDeterminism?: boolean;
  maxHeapMb?: string;
  maxWall?: string;
  /** False with `--no-races`. */
  races?: boolean;
}

/** Runs `dst run`; returns the exit code. */
export async function runCommand(flags: RunFlags, io: Io): Promise<number> {
  const strategy = parseChoice('--strategy', flags.strategy, ['random', 'pct', 'go', 'exhaustive'] as const);
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
  if (flags.seeds !== undefined && flags.seed !== undefined) throw new InputError('--seed and --seeds: give one of them, not both');
  const range = flags.seed !== undefined ? { from: parseSeed(flags.seed), to: parseSeed(flags.seed) } : parseSeeds(flags.seeds ?? '0..199');
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : null;
  const asked = parseWorkers(flags.workers);
  const workers = asked.workers;
  const seeds = shardSeeds(range, shard);
  if (seeds.length === 0 && shard !== null) throw new InputError(`--shard: ${shard.index}/${shard.count} selects no seed of ${range.from}..${range.to} (${range.to - range.from + 1} seed${range.to === range.from ? '' : 's'}); use at most ${range.to - range.from + 1} shards`);
  if (flags.save !== undefined) prepareOutputs(planOutputs({ dir: { flag: '--save', path: flags.save } }));
  warnWorkers(asked, io);
  // --check-determinism re-runs every case in a separate process on another host (determinism/check.ts), not in this sweep.
  const base = { target: target.ref, swarm: flags.swarm ?? false, checkDeterminism: false, budget, races: flags.races ?? true };
  const jobs: SweepJob[] = variants.map((variant) => ({ ...base, scenarios, variant, strategy, procs, seeds }));
  const check = flags.checkDeterminism ? startDeterminismCheck(target, jobs[0] as SweepJob) : null;
  const st = styleFor(io.stdout.isTTY === true && !flags.json);
  const on = t.name === DEFAULT_TARGET ? '' : `${t.name}: `;
  const total = seeds.length * scenarios.length * variants.length;
  const how = `${strategy}${strategy === 'go' ? ` (GOMAXPROCS ${procs})` : ''} seeds ${range.from}..${range.to}${shard ? ` shard ${shard.index}/${shard.count}` : ''}`;
  const reruns = check !== null ? `, each re-run in a separate process (${check.host})` : '';
  if (!flags.json) println(io.stdout, st.dim(`dst run: ${on}${scenarios.join(', ')} on ${variants.join(', ')}, ${how} (${total} runs${workers > 1 ? `, ${workers} workers` : ''}${reruns})`));
  const progress = new Progress(total, io.stderr);
  const coveredBefore = flags.save !== undefined ? await coveredIn(flags.save, target) : new Map<string, string>();
  const saver = flags.save !== undefined ? new FindingSaver(flags.save, target, new Set(coveredBefore.keys())) : null;
  let announced = false;
  const onCaseOf = (job: SweepJob) => (r: CaseReport) => {
    saver?.onCase(r, job); // at once, so a sweep killed later keeps this bug
    check?.submit(r);
    if (!r.passed && !announced && !flags.json) {
      announced = true;
      progress.clear();
      // determinism-ok: process.uptime() times the CLI itself, outside any simulation
      println(io.stdout, `${st.red('first failure')} after ${process.uptime().toFixed(1)} s: ${r.scenario} seed ${r.seed} ${st.bold(r.property ?? '')} (${st.dim(r.replay)})`);
    }
    progress.tick(!r.passed);
  };
  let reports: CaseReport[] = [];
  for (const job of jobs) reports.push(...(await sweepReports(target, job, workers, onCaseOf(job))));
  progress.finish();
  let rerunCount = 0;
  if (check !== null) {
    const done = await check.finish(reports, (merged, first) => {
      if (first.passed) saver?.onCase(merged, jobs.find((j) => j.variant === merged.variant) as SweepJob);
    });
    reports = done.reports;
    rerunCount = done.reruns;
  }
  const bugs = withNeeds(target, groupBugs(reports, propertiesOf(t)), procs);
  if (goSeeds > 0 && bugs.length > 0) {
    if (!flags.json) println(io.stderr, `go-strategy pass: ${goSeeds} seeds per configuration with a bug (GOMAXPROCS ${procs})`);
    const rates = await goPass({ target, base, reports, bugs, seeds: goSeeds, procs, workers });
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
  const failed = reports.filter((r) => !r.passed && !r.limit).length;
  if (flags.json) {
    const meta = {
      target: t.name,
      variant: variants.join(','),
      ...(variants.length > 1 && { variants }),
      strategy,
      ...(strategy === 'go' && { gomaxprocs: procs }),
      scenarios,
      seeds: `${range.from}..${range.to}`,
      ...(shard && { shard: `${shard.index}/${shard.count}` }),
      saved: saved.saved.length > 0 ? saved.saved : [...(saver?.written.values() ?? [])],
      ...(flags.save !== undefined && { skipped: saved.skipped }),
      ...(check !== null && { reruns: rerunCount, rerunHost: check.host }),
      ...(saver?.error && { saveError: saver.error.message }),
      bugs: bugs.map(bugJson),
      retention: retentionJson(reports),
    };
    println(io.stdout, JSON.stringify(runReport(reports, meta)));
  } else {
    for (const l of renderBugs(bugs, failed, st)) println(io.stdout, l);
    if (variants.length > 1) {
      const runsPer = Object.fromEntries(variants.map((v) => [v, reports.filter((r) => r.variant === v).length]));
      for (const l of renderMatrix(bugs, variants, runsPer, st)) println(io.stdout, l);
      println(io.stdout);
    }
    for (const v of variants) {
      if (variants.length > 1) println(io.stdout, st.bold(`${v}:`));
      println(io.stdout, renderSummary(variants.length > 1 ? reports.filter((r) => r.variant === v) : reports, st, propertyNames(t), 0));
      println(io.stdout);
    }
    for (const l of renderRetention(retentionByScenario(reports), st)) println(io.stdout, l);
    for (const f of saved.saved) println(io.stdout, st.dim(`saved ${f}`));
    for (const s of saved.skipped) println(io.stdout, st.dim(`not saved (${s.file} already has it): ${s.signature}`));
    if (check !== null) println(io.stdout, st.dim(`determinism: ${rerunCount} re-runs in a separate process (${check.host}); ${reports.filter((r) => (r.violationCounts.determinism ?? 0) > 0).length} gave another trace`));
  }
  const limited = reportLimits(reports, io);
  if (saver?.error) return reportSaveError(saver.error, io);
  if (failed > 0) return 1;
  return limited ? 2 : 0;
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

/** `--strategy exhaustive`: explore each scenario (bound 2, 5,000 schedules) and report once. */
function runExhaustive(flags: RunFlags, target: LoadedTarget, variant: string, scenarios: readonly string[], budget: BudgetOverrides, io: Io): number {
  const ignored = (['seeds', 'seed', 'shard', 'swarm', 'checkDeterminism'] as const).filter((k) => flags[k] !== undefined);
  if (ignored.length > 0 || flags.workers !== '1') {
    const names = ignored.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).concat(flags.workers !== '1' ? ['--workers'] : []);
    throw new InputError(`--strategy exhaustive: ${names.join(', ')} do not apply (exploration runs every schedule; use dst explore --bound/--max-schedules)`);
  }
  if (flags.save !== undefined) prepareOutputs(planOutputs({ dir: { flag: '--save', path: flags.save } }));
  const explored = scenarios.map((s) => exploreOne(target, s, variant, 2, 5000, flags.save, budget, flags.races ?? true));
  if (flags.json) {
    const failures = explored.filter((e) => e.report.failure !== null).map((e) => {
      const f = e.report.failure;
      return { seed: null, target: e.report.target, scenario: e.report.scenario, variant: e.report.variant, property: f?.property, message: f?.message, traceHash: f?.traceHash, replay: e.replay };
    });
    const runs = explored.reduce((n, e) => n + e.report.schedules, 0);
    println(io.stdout, JSON.stringify({ passed: failures.length === 0, runs, failed: failures.length, strategy: 'exhaustive', failures, explored: explored.map(exploreJson) }));
  } else {
    for (const e of explored) for (const l of exploreLines(e, io)) println(io.stdout, l);
  }
  if (explored.some((e) => e.report.failure !== null)) return 1;
  return explored.some((e) => reportExploreLimit(e, io)) ? 2 : 0;
}
