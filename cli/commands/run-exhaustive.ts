/**
 * `dst run --strategy exhaustive`: explore each scenario as `dst explore` does by default
 * (partial-order reduction, no preemption bound; 5,000 schedules each) and report once, in
 * the shape of a run report.
 */
import { InputError } from '../../harness/input-error.ts';
import type { BudgetOverrides } from '../../harness/resource-budget.ts';
import type { LoadedTarget } from '../../harness/targets.ts';
import { println, type Io } from '../io.ts';
import { planOutputs, prepareOutputs } from '../outputs.ts';
import { exploreJson, exploreLines, exploreOne, reportExploreLimit, warnFairnessBound } from './explore.ts';
import type { RunFlags } from './run.ts';

const SEED_FLAGS = ['seeds', 'seed', 'shard', 'swarm', 'checkDeterminism', 'budget', 'bail', 'workers', 'junit', 'junitPerRun'] as const;

/** Runs the exploration; returns the exit code. */
export function runExhaustive(flags: RunFlags, target: LoadedTarget, variant: string, scenarios: readonly string[], budget: BudgetOverrides, io: Io): number {
  const ignored = SEED_FLAGS.filter((k) => flags[k] !== undefined && flags[k] !== false);
  if (ignored.length > 0) {
    const names = ignored.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    throw new InputError(`--strategy exhaustive: ${names.join(', ')} do not apply (exploration runs every schedule; use dst explore --bound/--max-schedules)`);
  }
  if (flags.save !== undefined) prepareOutputs(planOutputs({ dir: { flag: '--save', path: flags.save } }));
  for (const s of new Set(scenarios)) warnFairnessBound('dst run --strategy exhaustive', target, s, io, 'dst explore --reduction none');
  const explored = scenarios.map((s) => exploreOne(target, s, variant, Number.POSITIVE_INFINITY, 5000, flags.save, budget, flags.races ?? true, { reduction: 'dpor' }));
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
