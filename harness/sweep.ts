/**
 * Seed sweeps: many cases of one or more configurations of a target, run in this
 * thread. Workers run slices of the same sweep with the same function.
 */
import { signatureOf } from '../properties/signature.ts';
import { DEFAULT_PROCS, Labels } from '../sim/index.ts';
import { runCase, type CaseReport, type CaseSpec } from './case.ts';
import { chooseConfig, type ChosenConfig } from './configuration.ts';
import { PCT_DEFAULTS, type StrategySpec } from './strategy-spec.ts';
import type { BudgetOverrides } from './resource-budget.ts';
import type { LoadedTarget } from './targets.ts';

/** One slice of a sweep (plain data, so it can be posted to a worker). */
export interface SweepJob {
  /** The target as given to `--target` (a shipped name or a module path). */
  readonly target: string;
  /** Configuration references (names or paths). */
  readonly scenarios: readonly string[];
  readonly variant: string;
  readonly strategy: SeedKind;
  /** `GOMAXPROCS` of the `go` strategy (default 2). */
  readonly procs?: number;
  readonly seeds: readonly number[];
  readonly swarm: boolean;
  readonly checkDeterminism: boolean;
  /** Heap and wall budgets from the command line. */
  readonly budget?: BudgetOverrides;
  /** Race detection (default true). */
  readonly races?: boolean;
}

/** The strategies a seed selects. */
export type SeedKind = 'random' | 'pct' | 'go';

/** The spec of one seed of a configuration (`procs`: `GOMAXPROCS` of the `go` strategy). */
export function seedCase(target: LoadedTarget, chosen: ChosenConfig, variant: string, kind: SeedKind, seed: number, swarm: boolean, procs = DEFAULT_PROCS): CaseSpec {
  const base = { target, config: chosen.config, configRef: chosen.ref, configName: chosen.name, variant, swarm };
  return { ...base, strategy: seedStrategy(kind, seed, base, procs) };
}

/**
 * The strategy of one seed. PCT places its d − 1 priority change points uniformly over
 * the first k scheduling steps, so k should be about the length of a run: it is the
 * number of scheduling decisions of the configuration's run under the random walk with
 * seed 0 (computed once per target, configuration and variant, and the same in every
 * process, so replay commands reproduce it).
 */
export function seedStrategy(kind: SeedKind, seed: number, c: Omit<CaseSpec, 'strategy'>, procs = DEFAULT_PROCS): StrategySpec {
  if (kind === 'pct') return { kind: 'pct', seed, depth: PCT_DEFAULTS.depth, steps: pctSteps(c) };
  if (kind === 'go') return { kind: 'go', seed, procs };
  return { kind: 'random', seed };
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
      const spec = { ...seedCase(target, chosen, job.variant, job.strategy, seed, job.swarm, job.procs), ...(job.budget !== undefined && { budget: job.budget }), races: job.races ?? true };
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
    signature: 'determinism: two runs of one case gave two trace hashes',
    evidence: { step: first.steps, time: first.virtualTimeUs },
  };
  return {
    ...first,
    passed: false,
    property: 'determinism',
    message: v.message,
    violations: [v, ...first.violations],
    violationCounts: { ...first.violationCounts, determinism: 1 },
    signatureCounts: { [v.signature]: 1, ...first.signatureCounts },
  };
}

/**
 * Keeps a report small enough to pass between threads and print: the first violation of
 * each signature (most severe first; a run shows a handful of distinct bugs, however many
 * violations), histories trimmed. The counts (`violationCounts`, `signatureCounts`) stay whole.
 */
export function compactReport(r: CaseReport): CaseReport {
  const seen = new Set<string>();
  const kept = [];
  for (const v of r.violations) {
    const s = signatureOf(v);
    if (seen.has(s)) continue;
    seen.add(s);
    kept.push({ ...v, evidence: { ...v.evidence, history: v.evidence.history?.slice(-30) } });
  }
  return { ...r, violations: kept };
}
