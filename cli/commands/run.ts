/**
 * `dst run`: seeded sweeps over scenarios, with a summary, explanations and replay
 * commands; `--strategy exhaustive` delegates to exploration.
 */
import type { CaseReport } from '../../harness/case.ts';
import { filePrefix } from '../../harness/commands.ts';
import { chooseConfig, defaultConfigRefs, resolveVariant } from '../../harness/configuration.ts';
import { InputError } from '../../harness/input-error.ts';
import { makeRepro } from '../../harness/repro.ts';
import { propertyNames } from '../../harness/properties.ts';
import { compactReport, runSweep, seedCase, type SweepJob } from '../../harness/sweep.ts';
import { DEFAULT_TARGET, loadTarget, type LoadedTarget } from '../../harness/targets.ts';
import { parseSeed, parseSeeds, parseShard, parsePositiveInt, parseChoice, shardSeeds } from '../args.ts';
import { ensureDir, writeInside } from '../files.ts';
import { println, type Io } from '../io.ts';
import { runReport } from '../report/json.ts';
import { Progress } from '../report/progress.ts';
import { styleFor } from '../report/style.ts';
import { renderSummary } from '../report/summary.ts';
import { runOnWorkers } from '../workers/pool.ts';
import { exploreJson, exploreLines, exploreOne } from './explore.ts';

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
  /** False with `--no-races`. */
  races?: boolean;
}

/** Runs `dst run`; returns the exit code. */
export async function runCommand(flags: RunFlags, io: Io): Promise<number> {
  const strategy = parseChoice('--strategy', flags.strategy, ['random', 'pct', 'exhaustive'] as const);
  const target = await loadTarget(flags.target);
  const t = target.target;
  const variant = resolveVariant(t, flags.variant);
  const scenarios = flags.scenario.length > 0 ? flags.scenario : defaultConfigRefs(t);
  if (scenarios.length === 0) throw new InputError(`--scenario: target ${t.name} has no configurations; name one (a .json file)`);
  for (const s of scenarios) chooseConfig(t, s); // validate every configuration before running anything
  if (flags.swarm && t.swarm === undefined) throw new InputError(`--swarm: target ${t.name} has no swarm mode`);
  if (strategy === 'exhaustive') return runExhaustive(flags, target, variant, scenarios, io);
  if (flags.seeds !== undefined && flags.seed !== undefined) throw new InputError('--seed and --seeds: give one of them, not both');
  const range = flags.seed !== undefined ? { from: parseSeed(flags.seed), to: parseSeed(flags.seed) } : parseSeeds(flags.seeds ?? '0..199');
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : null;
  const workers = parsePositiveInt('--workers', flags.workers, 256);
  const seeds = shardSeeds(range, shard);
  if (flags.save !== undefined) ensureDir('--save', flags.save);
  const job: SweepJob = { target: target.ref, scenarios, variant, strategy, seeds, swarm: flags.swarm ?? false, checkDeterminism: flags.checkDeterminism ?? false, races: flags.races ?? true };
  const st = styleFor(io.stdout.isTTY === true && !flags.json);
  const on = t.name === DEFAULT_TARGET ? '' : `${t.name}: `;
  if (!flags.json) println(io.stdout, st.dim(`dst run: ${on}${scenarios.join(', ')} on ${variant}, ${strategy} seeds ${range.from}..${range.to}${shard ? ` shard ${shard.index}/${shard.count}` : ''} (${seeds.length * scenarios.length} runs${workers > 1 ? `, ${workers} workers` : ''})`));
  const progress = new Progress(seeds.length * scenarios.length, io.stderr);
  let announced = false;
  const onCase = (r: CaseReport) => {
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
  const saved = flags.save !== undefined ? saveFailures(flags.save, reports, target, variant, job) : [];
  if (flags.json) {
    println(io.stdout, JSON.stringify(runReport(reports, { target: t.name, variant, strategy, scenarios, seeds: `${range.from}..${range.to}`, ...(shard && { shard: `${shard.index}/${shard.count}` }), saved })));
  } else {
    println(io.stdout, renderSummary(reports, st, propertyNames(t)));
    for (const f of saved) println(io.stdout, st.dim(`saved ${f}`));
  }
  return reports.every((r) => r.passed) ? 0 : 1;
}

function saveFailures(dir: string, reports: readonly CaseReport[], target: LoadedTarget, variant: string, job: SweepJob): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  for (const r of reports) {
    if (r.passed || r.seed === null) continue;
    const spec = seedCase(target, chooseConfig(target.target, r.scenarioRef), variant, job.strategy, r.seed, job.swarm);
    const repro = makeRepro(spec, r, `found by dst run: ${r.message ?? ''}`);
    const stem = `${filePrefix(r.target)}${r.scenario}-${variant}-${job.strategy}-${r.seed}${job.swarm ? '-swarm' : ''}`;
    let name = `${stem}.json`;
    for (let n = 2; used.has(name); n++) name = `${stem}-${n}.json`; // two scenario files with one name
    used.add(name);
    out.push(writeInside(dir, name, `${JSON.stringify(repro, null, 2)}\n`));
  }
  return out;
}

/** `--strategy exhaustive`: explore each scenario (bound 2, 5,000 schedules) and report once. */
function runExhaustive(flags: RunFlags, target: LoadedTarget, variant: string, scenarios: readonly string[], io: Io): number {
  const ignored = (['seeds', 'seed', 'shard', 'swarm', 'checkDeterminism'] as const).filter((k) => flags[k] !== undefined);
  if (ignored.length > 0 || flags.workers !== '1') {
    const names = ignored.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).concat(flags.workers !== '1' ? ['--workers'] : []);
    throw new InputError(`--strategy exhaustive: ${names.join(', ')} do not apply (exploration runs every schedule; use dst explore --bound/--max-schedules)`);
  }
  if (flags.save !== undefined) ensureDir('--save', flags.save);
  const explored = scenarios.map((s) => exploreOne(target, s, variant, 2, 5000, flags.save, flags.races ?? true));
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
  return explored.every((e) => e.report.passed) ? 0 : 1;
}
