/**
 * A small local runner for GoKer targets, until the framework's generic harness runs any
 * target: one run of a target under a strategy, the verdict of the core properties, a
 * seed sweep and an exhaustive exploration. Everything the tests and `npm run goker` need
 * from a run goes through this one file, so it can be swapped for the harness.
 */
import type { AnyTarget } from '../../harness/target.ts';
import { explore, Labels, Pct, RandomWalk, Sim, type RunResult, type Strategy } from '../../sim/index.ts';
import { FairBound } from './fair.ts';
import type { KernelVariant } from './kernel.ts';

/** A core property a GoKer kernel can violate. */
export type CoreProperty = 'no-panic' | 'no-stuck-tasks' | 'determinism';

/** The core properties' verdict on one run: null when it passed. */
export interface Verdict {
  readonly property: CoreProperty | null;
  /** One line: the outcome and, for stuck tasks, who waits on what. */
  readonly message: string;
}

/** One run and its verdict. */
export interface KernelRun {
  readonly verdict: Verdict;
  readonly result: RunResult;
}

/**
 * Scheduling decisions a runnable task may be passed over in a row (see
 * {@link FairBound}); far above what any GoKer interleaving needs.
 */
export const FAIR_BOUND = 64;

/** PCT's bug depth for the sweeps. */
export const PCT_DEPTH = 3;

/** The verdict of the core properties, computed the way they compute it. */
export function verdictOf(r: RunResult): Verdict {
  const o = r.outcome;
  switch (o.kind) {
    case 'kernel-assertion':
      throw new Error(`kernel assertion: ${o.message}`);
    case 'panic':
      return { property: 'no-panic', message: o.message };
    case 'nondeterminism':
    case 'replay-divergence':
      return { property: 'determinism', message: o.message };
    case 'deadlock':
    case 'step-budget':
    case 'time-budget':
      return { property: 'no-stuck-tasks', message: o.message };
    case 'ok':
    case 'stopped': {
      if (r.live.length === 0) return { property: null, message: o.message };
      const stuck = r.live.map((t) => `${t.name}: ${t.waitingOn}`).join('; ');
      return { property: 'no-stuck-tasks', message: `${r.live.length} goroutine(s) still alive at the end: ${stuck}` };
    }
  }
}

/** Runs `target`'s default configuration once on `variant` under `strategy` (wrapped in the fairness bound). */
export function runKernel(target: AnyTarget, variant: KernelVariant, strategy: Strategy, keepTrace = false): KernelRun {
  const config = target.config.parse({});
  const limits = target.limits(config);
  const sim = new Sim({ ...limits, strategy: new FairBound(strategy, FAIR_BOUND), keepTrace });
  target.build(sim, config, { variant });
  const result = sim.run();
  return { verdict: verdictOf(result), result };
}

/** The strategies a sweep can use. */
export type SweepStrategy = 'random' | 'pct';

/** What a seed sweep found. */
export interface SweepResult {
  readonly strategy: SweepStrategy;
  /** Runs made (up to and including the first failure when stopping there). */
  readonly runs: number;
  /** Seed of the first failing run, or null. */
  readonly firstFailingSeed: number | null;
  /** Property and message of the first failure, or null. */
  readonly property: CoreProperty | null;
  readonly message: string | null;
}

/** The step estimate PCT needs: scheduling decisions in a random run (seed 0) of the same variant. */
export function pctSteps(target: AnyTarget, variant: KernelVariant): number {
  const d = runKernel(target, variant, new RandomWalk(0)).result.decisions;
  let n = 0;
  for (let i = 0; i < d.length; i++) if (d.labelIdAt(i) === Labels.sched.id) n++;
  return Math.max(1, n);
}

/** The strategy of one sweep run. */
export function sweepStrategy(kind: SweepStrategy, seed: number, steps: number): Strategy {
  return kind === 'random' ? new RandomWalk(seed) : new Pct(seed, { depth: PCT_DEPTH, steps });
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** First seed (default 0). */
  readonly from?: number;
  /** Last seed, inclusive (default 199). */
  readonly to?: number;
  /** Stop at the first failure (default true). */
  readonly stopAtFirst?: boolean;
  /** Which failures count (default: any core-property failure). */
  readonly matching?: (v: Verdict) => boolean;
}

/** Runs seeds `from..to` of `variant` under `kind`, stopping at the first (matching) failure unless told otherwise. */
export function sweep(target: AnyTarget, variant: KernelVariant, kind: SweepStrategy, opts: SweepOptions = {}): SweepResult {
  const from = opts.from ?? 0;
  const to = opts.to ?? 199;
  const stopAtFirst = opts.stopAtFirst ?? true;
  const matching = opts.matching ?? (() => true);
  const steps = kind === 'pct' ? pctSteps(target, variant) : 0;
  let runs = 0;
  let first: { seed: number; v: Verdict } | null = null;
  for (let seed = from; seed <= to; seed++) {
    runs++;
    const { verdict } = runKernel(target, variant, sweepStrategy(kind, seed, steps));
    if (verdict.property !== null && first === null && matching(verdict)) {
      first = { seed, v: verdict };
      if (stopAtFirst) break;
    }
  }
  return { strategy: kind, runs, firstFailingSeed: first?.seed ?? null, property: first?.v.property ?? null, message: first?.v.message ?? null };
}

/** What an exhaustive exploration found. */
export interface ExhaustResult {
  readonly schedules: number;
  /** True when every schedule within the bound was run. */
  readonly exhausted: boolean;
  /** The first failure's verdict, or null. */
  readonly failure: Verdict | null;
}

/** Depth-first exploration of `variant` (see `sim/strategy/dfs.ts`) within a schedule budget. */
export function exhaust(target: AnyTarget, variant: KernelVariant, maxSchedules: number, preemptionBound = Number.POSITIVE_INFINITY): ExhaustResult {
  const r = explore((s) => runKernel(target, variant, s), (run) => run.verdict.property !== null, { maxSchedules, preemptionBound });
  return { schedules: r.schedules, exhausted: r.exhausted, failure: r.failures[0]?.result.verdict ?? null };
}
