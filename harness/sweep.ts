/**
 * Seed sweeps: many cases of one or more configurations of a target, run in this
 * thread. Workers run slices of the same sweep with the same function.
 */
import { Labels } from '../sim/index.ts';
import { runCase, type CaseReport, type CaseSpec } from './case.ts';
import { chooseConfig, type ChosenConfig } from './configuration.ts';
import { PCT_DEFAULTS, type StrategySpec } from './strategy-spec.ts';
import type { LoadedTarget } from './targets.ts';

/** One slice of a sweep (plain data, so it can be posted to a worker). */
export interface SweepJob {
  /** The target as given to `--target` (a shipped name or a module path). */
  readonly target: string;
  /** Configuration references (names or paths). */
  readonly scenarios: readonly string[];
  readonly variant: string;
  readonly strategy: 'random' | 'pct';
  readonly seeds: readonly number[];
  readonly swarm: boolean;
  readonly checkDeterminism: boolean;
  /** Race detection (default true). */
  readonly races?: boolean;
}

/** The spec of one seed of a configuration. */
export function seedCase(target: LoadedTarget, chosen: ChosenConfig, variant: string, kind: 'random' | 'pct', seed: number, swarm: boolean): CaseSpec {
  const base = { target, config: chosen.config, configRef: chosen.ref, configName: chosen.name, variant, swarm };
  return { ...base, strategy: seedStrategy(kind, seed, base) };
}

/**
 * The strategy of one seed. PCT places its d − 1 priority change points uniformly over
 * the first k scheduling steps, so k should be about the length of a run: it is the
 * number of scheduling decisions of the configuration's run under the random walk with
 * seed 0 (computed once per target, configuration and variant, and the same in every
 * process, so replay commands reproduce it).
 */
export function seedStrategy(kind: 'random' | 'pct', seed: number, c: Omit<CaseSpec, 'strategy'>): StrategySpec {
  return kind === 'pct' ? { kind: 'pct', seed, depth: PCT_DEFAULTS.depth, steps: pctSteps(c) } : { kind: 'random', seed };
}

const pctStepCache = new Map<string, number>();

function pctSteps(c: Omit<CaseSpec, 'strategy'>): number {
  const key = `${c.target.target.name}\u0000${c.variant}\u0000${JSON.stringify(c.config)}`;
  let k = pctStepCache.get(key);
  if (k === undefined) {
    const d = runCase({ ...c, strategy: { kind: 'random', seed: 0 }, swarm: false }).result.decisions;
    let sched = 0;
    for (let i = 0; i < d.length; i++) if (d.labelIdAt(i) === Labels.sched.id) sched++;
    k = Math.max(1, sched);
    pctStepCache.set(key, k);
  }
  return k;
}

/** Runs every (configuration, seed) of a job on `target`, calling `onCase` after each. */
export function runSweep(target: LoadedTarget, job: SweepJob, onCase: (r: CaseReport) => void): void {
  for (const ref of job.scenarios) {
    const chosen = chooseConfig(target.target, ref);
    for (const seed of job.seeds) {
      const spec = { ...seedCase(target, chosen, job.variant, job.strategy, seed, job.swarm), races: job.races ?? true };
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
    property: 'determinism',
    message: `the same case gave two trace hashes: ${first.traceHash} then ${second.traceHash}`,
    evidence: { step: first.steps, time: first.virtualTimeUs },
  };
  return { ...first, passed: false, property: 'determinism', message: v.message, violations: [v, ...first.violations], violationCounts: { ...first.violationCounts, determinism: 1 } };
}

/**
 * Keeps a report small enough to pass between threads and print: the first violation of
 * every property, then the next ones up to `n` in all (in report order), histories trimmed.
 * So a run whose use-after-frees outnumber `n` still shows its data race.
 */
export function compactReport(r: CaseReport, n = 5): CaseReport {
  const seen = new Set<string>();
  const keep = new Set<number>();
  r.violations.forEach((v, i) => {
    if (!seen.has(v.property)) {
      seen.add(v.property);
      keep.add(i);
    }
  });
  for (let i = 0; i < r.violations.length && keep.size < n; i++) keep.add(i);
  const violations = r.violations.filter((_, i) => keep.has(i));
  return { ...r, violations: violations.map((v) => ({ ...v, evidence: { ...v.evidence, history: v.evidence.history?.slice(-30) } })) };
}
