/**
 * Seed sweeps: many cases of one or more scenarios, run in this thread. Workers run
 * slices of the same sweep with the same function.
 */
import type { VariantName } from '../engine/index.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { Labels } from '../sim/index.ts';
import { runCase, type CaseReport, type CaseSpec } from './case.ts';
import { PCT_DEFAULTS, type StrategySpec } from './strategy-spec.ts';

/** One slice of a sweep (plain data, so it can be posted to a worker). */
export interface SweepJob {
  readonly scenarios: readonly string[];
  readonly variant: VariantName;
  readonly strategy: 'random' | 'pct';
  readonly seeds: readonly number[];
  readonly swarm: boolean;
  readonly checkDeterminism: boolean;
}

/**
 * The strategy of one seed. PCT places its d − 1 priority change points uniformly over
 * the first k scheduling steps, so k should be about the length of a run: it is the
 * number of scheduling decisions of the scenario's run under the random walk with seed 0 (computed once per scenario
 * and variant, and the same in every process, so replay commands reproduce it).
 */
export function seedStrategy(kind: 'random' | 'pct', seed: number, scenario: Scenario, variant: VariantName): StrategySpec {
  return kind === 'pct' ? { kind: 'pct', seed, depth: PCT_DEFAULTS.depth, steps: pctSteps(scenario, variant) } : { kind: 'random', seed };
}

const pctStepCache = new Map<string, number>();

function pctSteps(scenario: Scenario, variant: VariantName): number {
  const key = `${variant}\u0000${JSON.stringify(scenario)}`;
  let k = pctStepCache.get(key);
  if (k === undefined) {
    const d = runCase({ scenario, scenarioRef: scenario.name, variant, strategy: { kind: 'random', seed: 0 }, swarm: false }).result.decisions;
    let sched = 0;
    for (let i = 0; i < d.length; i++) if (d.labelIdAt(i) === Labels.sched.id) sched++;
    k = Math.max(1, sched);
    pctStepCache.set(key, k);
  }
  return k;
}

/** Runs every (scenario, seed) of a job, calling `onCase` after each. */
export function runSweep(job: SweepJob, onCase: (r: CaseReport) => void): void {
  for (const ref of job.scenarios) {
    const scenario = loadScenario(ref);
    for (const seed of job.seeds) {
      const spec: CaseSpec = { scenario, scenarioRef: ref, variant: job.variant, strategy: seedStrategy(job.strategy, seed, scenario, job.variant), swarm: job.swarm };
      const report = runCase(spec).report;
      onCase(job.checkDeterminism ? withDeterminism(spec, report) : report);
    }
  }
}

/** Runs the case a second time; a different trace hash is a `determinism` violation. */
export function withDeterminism(spec: CaseSpec, first: CaseReport): CaseReport {
  const second = runCase(spec).report;
  if (second.traceHash === first.traceHash) return first;
  const v = {
    property: 'determinism' as const,
    message: `the same case gave two trace hashes: ${first.traceHash} then ${second.traceHash}`,
    evidence: { step: first.steps, time: first.virtualTimeUs },
  };
  return { ...first, passed: false, property: 'determinism', message: v.message, violations: [v, ...first.violations], violationCounts: { ...first.violationCounts, determinism: 1 } };
}

/** Keeps a report small enough to pass between threads and print: at most `n` violations, histories trimmed. */
export function compactReport(r: CaseReport, n = 5): CaseReport {
  return { ...r, violations: r.violations.slice(0, n).map((v) => ({ ...v, evidence: { ...v.evidence, history: v.evidence.history?.slice(-30) } })) };
}
