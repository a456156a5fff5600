/**
 * Running GoKer targets through the framework's harness, in the shapes the kernel tests
 * and `npm run goker` use: one run under a strategy, a seed sweep to the first failure,
 * and an exhaustive exploration. Verdicts are the core properties' own.
 */
import { runWithStrategy, type CaseSpec } from '../../harness/case.ts';
import { exploreCase } from '../../harness/explore.ts';
import type { AnyTarget } from '../../harness/target.ts';
import { CORE_PROPERTIES, outcomeViolations } from '../../properties/core.ts';
import { Labels, Pct, RandomWalk, type RunResult, type Strategy } from '../../sim/index.ts';
import type { KernelEntry } from './catalog.ts';
import type { KernelVariant } from './kernel.ts';

/** A core property a GoKer kernel can violate. */
export type CoreProperty = string;

/** The core properties' verdict on one run: null when it passed. */
export interface Verdict {
  readonly property: CoreProperty | null;
  /** One line: the first violation's message, or the outcome. */
  readonly message: string;
}

/** One run and its verdict. */
export interface KernelRun {
  readonly verdict: Verdict;
  readonly result: RunResult;
}

/** PCT's bug depth for the sweeps. */
export const PCT_DEPTH = 3;

/** The verdict the core properties give a kernel's run (for programs run outside the harness too). */
export function verdictOf(r: RunResult): Verdict {
  if (r.outcome.kind === 'kernel-assertion') throw new Error(`kernel assertion: ${r.outcome.message}`);
  const v = [...outcomeViolations(r), ...CORE_PROPERTIES.flatMap((p) => p.check(r))][0];
  return v === undefined ? { property: null, message: r.outcome.message } : { property: v.property, message: v.message };
}

/** The case of a kernel's default configuration on `variant`. */
export function kernelCase(target: AnyTarget, variant: KernelVariant): CaseSpec {
  const config = target.config.parse({});
  return { target: { target, ref: target.name, shipped: true }, config, configRef: 'default', configName: 'default', variant, strategy: { kind: 'random', seed: 0 }, swarm: false };
}

/** Runs `target`'s default configuration once on `variant` under `strategy` (the harness adds the kernel's fairness bound). */
export function runKernel(target: AnyTarget, variant: KernelVariant, strategy: Strategy, keepTrace = false): KernelRun {
  const r = runWithStrategy({ ...kernelCase(target, variant), keepTrace }, strategy);
  if (r.report.outcome === 'kernel-assertion') throw new Error(`kernel assertion: ${r.report.outcomeMessage}`);
  return { verdict: { property: r.report.property, message: r.report.message ?? r.report.outcomeMessage }, result: r.result };
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

/**
 * The buggy variant's bug as the test suite and the regression corpus look for it: random
 * walk over seeds 0..199 to the first failure, else PCT, else (where the catalog gives a
 * `lastSeed`) PCT on to that seed; a failure counts only if its message matches the entry's
 * `signature`, where it has one.
 */
export function findBug(target: AnyTarget, k: KernelEntry): SweepResult {
  const sig = k.signature;
  const matching = sig === undefined ? undefined : (v: Verdict): boolean => sig.test(v.message);
  const opts = matching === undefined ? {} : { matching };
  let found = sweep(target, 'buggy', 'random', opts);
  if (found.firstFailingSeed === null) found = sweep(target, 'buggy', 'pct', opts);
  if (found.firstFailingSeed === null && k.lastSeed !== undefined) found = sweep(target, 'buggy', 'pct', { ...opts, from: 200, to: k.lastSeed });
  return found;
}

/** What an exhaustive exploration found. */
export interface ExhaustResult {
  readonly schedules: number;
  /** True when every schedule within the bound was run. */
  readonly exhausted: boolean;
  /** The first failure's verdict, or null. */
  readonly failure: Verdict | null;
}

/** Depth-first exploration of `variant` through the harness (`dst explore`) within a schedule budget, plain or reduced (source-DPOR). */
export function exhaust(target: AnyTarget, variant: KernelVariant, maxSchedules: number, preemptionBound = Number.POSITIVE_INFINITY, reduction: 'none' | 'dpor' = 'none'): ExhaustResult {
  const r = exploreCase(kernelCase(target, variant), preemptionBound, maxSchedules, { reduction });
  const f = r.failure;
  return { schedules: r.schedules, exhausted: r.exhausted, failure: f === null ? null : { property: f.property, message: f.message ?? '' } };
}
