/**
 * `dst run`: seeded sweeps over scenarios, with a summary, explanations and replay
 * commands; `--strategy exhaustive` delegates to exploration.
 */
import type { CaseReport } from '../../harness/case.ts';
import { chooseConfig, defaultConfigRefs, resolveVariant } from '../../harness/configuration.ts';
import { InputError } from '../../harness/input-error.ts';
import { propertyNames } from '../../harness/properties.ts';
import { compactReport, runSweep, type SweepJob } from '../../harness/sweep.ts';
import { DEFAULT_TARGET, loadTarget, type LoadedTarget } from '../../harness/targets.ts';
import { parseSeed, parseSeeds, parseShard, parseChoice, shardSeeds } from '../args.ts';
import { parseBudgetFlags, parseWorkers, warnWorkers } from '../budget-flags.ts';
import { reportLimits } from '../limits.ts';
import { checkFits, type BudgetOverrides } from '../../harness/resource-budget.ts';
import { planOutputs, prepareOutputs } from '../outputs.ts';
import { FindingSaver, reportSaveError } from '../save-finding.ts';
import { println, type Io } from '../io.ts';
import { runReport } from '../report/json.ts';
import { Progress } from '../report/progress.ts';
import { styleFor } from '../report/style.ts';
import { renderSummary } from '../report/summary.ts';
import { runOnWorkers } from '../workers/pool.ts';
import { exploreJson, exploreLines, exploreOne, reportExploreLimit } from './explore.ts';
import { startDeterminismCheck } from '../determinism/check.ts';

/** Raw flags of `dst run`. */
export interface RunFlags {
  target?: string;
  scenario: string[];
  variant?: string;
  strategy: string;
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
}

/** Runs `dst run`; returns the exit code. */
export async function runCommand(flags: RunFlags, io: Io): Promise<number> {
  const strategy = parseChoice('--strategy', flags.strategy, ['random', 'pct', 'exhaustive'] as const);
  const target = await loadTarget(flags.target);
  const t = target.target;
  const variant = resolveVariant(t, flags.variant);
  const scenarios = flags.scenario.length > 0 ? flags.scenario : defaultConfigRefs(t);
  if (scenarios.length === 0) throw new InputError(`--scenario: target ${t.name} has no configurations; name one (a .json file)`);
  const budget = parseBudgetFlags(flags);
  for (const s of scenarios) checkFits(t, chooseConfig(t, s).config, s, budget); // validate every configuration before running anything
  if (flags.swarm && t.swarm === undefined) throw new InputError(`--swarm: target ${t.name} has no swarm mode`);
  if (strategy === 'exhaustive') return runExhaustive(flags, target, variant, scenarios, budget, io);
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
  const job: SweepJob = { target: target.ref, scenarios, variant, strategy, seeds, swarm: flags.swarm ?? false, checkDeterminism: false, budget };
  const check = flags.checkDeterminism ? startDeterminismCheck(target, job) : null;
  const st = styleFor(io.stdout.isTTY === true && !flags.json);
  const on = t.name === DEFAULT_TARGET ? '' : `${t.name}: `;
  const reruns = check !== null ? `, each re-run in a separate process (${check.host})` : '';
  if (!flags.json) println(io.stdout, st.dim(`dst run: ${on}${scenarios.join(', ')} on ${variant}, ${strategy} seeds ${range.from}..${range.to}${shard ? ` shard ${shard.index}/${shard.count}` : ''} (${seeds.length * scenarios.length} runs${workers > 1 ? `, ${workers} workers` : ''}${reruns})`));
  const progress = new Progress(seeds.length * scenarios.length, io.stderr);
  let announced = false;
  const saver = flags.save !== undefined ? new FindingSaver(flags.save, target, variant, job) : null;
  const onCase = (r: CaseReport) => {
    saver?.onCase(r); // at once, so a sweep killed later keeps this finding
    check?.submit(r);
    if (!r.passed && !announced && !flags.json) {
      announced = true;
      progress.clear();
      // determinism-ok: process.uptime() times the CLI itself, outside any simulation
      println(io.stdout, `${st.red('first failure')} after ${process.uptime().toFixed(1)} s: ${r.scenario} seed ${r.seed} ${st.bold(r.property ?? '')} (${st.dim(r.replay)})`);
    }
    progress.tick(!r.passed);
  };
  let reports: CaseReport[];
  if (workers > 1) {
    reports = await runOnWorkers(job, workers, onCase);
  } else {
    reports = [];
    runSweep(target, job, (r) => {
      const c = compactReport(r);
      reports.push(c);
      onCase(c);
    });
  }
  progress.finish();
  let rerunCount = 0;
  if (check !== null) {
    const done = await check.finish(reports, (merged, first) => {
      if (first.passed) saver?.onCase(merged);
    });
    reports = done.reports;
    rerunCount = done.reruns;
  }
  const saved = saver?.saved ?? [];
  if (flags.json) {
    println(io.stdout, JSON.stringify(runReport(reports, { target: t.name, variant, strategy, scenarios, seeds: `${range.from}..${range.to}`, ...(shard && { shard: `${shard.index}/${shard.count}` }), saved, ...(check !== null && { reruns: rerunCount, rerunHost: check.host }), ...(saver?.error && { saveError: saver.error.message }) })));
  } else {
    println(io.stdout, renderSummary(reports, st, propertyNames(t)));
    for (const f of saved) println(io.stdout, st.dim(`saved ${f}`));
    if (check !== null) println(io.stdout, st.dim(`determinism: ${rerunCount} re-runs in a separate process (${check.host}); ${reports.filter((r) => (r.violationCounts.determinism ?? 0) > 0).length} gave another trace`));
  }
  const limited = reportLimits(reports, io);
  if (saver?.error) return reportSaveError(saver.error, io);
  if (reports.some((r) => !r.passed && !r.limit)) return 1;
  return limited ? 2 : 0;
}

/** `--strategy exhaustive`: explore each scenario (bound 2, 5,000 schedules) and report once. */
function runExhaustive(flags: RunFlags, target: LoadedTarget, variant: string, scenarios: readonly string[], budget: BudgetOverrides, io: Io): number {
  const ignored = (['seeds', 'seed', 'shard', 'swarm', 'checkDeterminism'] as const).filter((k) => flags[k] !== undefined);
  if (ignored.length > 0 || flags.workers !== '1') {
    const names = ignored.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).concat(flags.workers !== '1' ? ['--workers'] : []);
    throw new InputError(`--strategy exhaustive: ${names.join(', ')} do not apply (exploration runs every schedule; use dst explore --bound/--max-schedules)`);
  }
  if (flags.save !== undefined) prepareOutputs(planOutputs({ dir: { flag: '--save', path: flags.save } }));
  const explored = scenarios.map((s) => exploreOne(target, s, variant, 2, 5000, flags.save, budget));
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
