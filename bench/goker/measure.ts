/**
 * What `npm run goker` measures for one GoKer kernel, behind one function
 * ({@link measureKernel}) so that it can later call the framework's harness instead of the
 * local runner.
 */
import { EXPLORE_BOUND, EXPLORE_BUDGET, loadKernel, type KernelEntry } from '../../targets/goker/catalog.ts';
import { seedStrategy } from '../../harness/sweep.ts';
import { shrinkCase } from '../../harness/shrink.ts';
import type { AnyTarget } from '../../harness/target.ts';
import { exhaust, kernelCase, sweep, type CoreProperty, type ExhaustResult, type SweepResult } from '../../targets/goker/testing.ts';

/** Run budget of shrinking each found bug. */
export const SHRINK_RUNS = 200;

/** The size of a case before and after `dst shrink`'s shrinker, keeping its signature. */
export interface ShrinkFigure {
  readonly signature: string;
  readonly before: { readonly steps: number; readonly decisions: number; readonly preemptions: number };
  readonly after: { readonly steps: number; readonly decisions: number; readonly preemptions: number };
  readonly runs: number;
}

/** Seeds of each sweep: 0..SEEDS-1. */
export const SEEDS = 200;

/** The measurements of one kernel. */
export interface KernelMeasurement {
  readonly id: string;
  readonly category: string;
  readonly subcategory: string;
  /** Whether any strategy found the buggy variant failing. */
  readonly detected: boolean;
  /** The core property of the first failure found (random walk first, then PCT, then exploration). */
  readonly property: CoreProperty | null;
  /** Which strategy found it first. */
  readonly foundBy: 'random' | 'pct' | 'explore' | null;
  /** Random walk to the first failure (at most {@link SEEDS} seeds). */
  readonly random: SweepResult;
  /** PCT to the first failure (at most {@link SEEDS} seeds). */
  readonly pct: SweepResult;
  /**
   * Runs to the first failure: random-walk runs, or {@link SEEDS} plus PCT runs when only
   * PCT found it; null when neither did.
   */
  readonly runsToFind: number | null;
  /** Depth-first exploration of the buggy variant (stops at its first failure). */
  readonly exploreBuggy: ExhaustResult | null;
  /** Depth-first exploration of the fixed variant. */
  readonly exploreFixed: ExhaustResult | null;
  /** Why exploration does not apply, where it does not. */
  readonly exploreSkipped: string | null;
  /** The fixed variant passed all {@link SEEDS} seeds under random walk and PCT, and exploration found nothing. */
  readonly fixedClean: boolean;
  /** First failure of the fixed variant, if any (a false positive). */
  readonly fixedFailure: string | null;
  /**
   * For kernels whose GoKer extraction has a second blocking bug (catalog `signature`):
   * whether a failure with the upstream bug's stuck goroutines was found; else null.
   */
  readonly upstreamBugReached: boolean | null;
  /** The first failing seed's case shrunk (its signature kept), or null when not found by a seed. */
  readonly shrunk: ShrinkFigure | null;
  /** Wall time of all of the above, in ms. */
  readonly wallMs: number;
}

/** Measures one ported kernel. */
export async function measureKernel(k: KernelEntry, clock: () => number): Promise<KernelMeasurement> {
  const t0 = clock();
  const target = await loadKernel(k);
  const random = sweep(target, 'buggy', 'random', { to: SEEDS - 1 });
  const pct = sweep(target, 'buggy', 'pct', { to: SEEDS - 1 });
  const explorable = k.explore === undefined;
  const exploreBuggy = explorable ? exhaust(target, 'buggy', EXPLORE_BUDGET, EXPLORE_BOUND) : null;
  const exploreFixed = explorable ? exhaust(target, 'fixed', EXPLORE_BUDGET, EXPLORE_BOUND) : null;
  const fixedRandom = sweep(target, 'fixed', 'random', { to: SEEDS - 1 });
  const fixedPct = sweep(target, 'fixed', 'pct', { to: SEEDS - 1 });
  const fixedFailure = fixedRandom.message ?? fixedPct.message ?? exploreFixed?.failure?.message ?? null;
  const foundBy = random.property !== null ? 'random' : pct.property !== null ? 'pct' : exploreBuggy?.failure ? 'explore' : null;
  const property = random.property ?? pct.property ?? exploreBuggy?.failure?.property ?? null;
  const sig = k.signature;
  const matching = sig === undefined ? undefined : (v: { message: string }) => sig.test(v.message);
  const upstreamBugReached =
    matching === undefined ? null : sweep(target, 'buggy', 'random', { to: SEEDS - 1, matching }).property !== null || sweep(target, 'buggy', 'pct', { to: SEEDS - 1, matching }).property !== null;
  const runsToFind = random.firstFailingSeed !== null ? random.runs : pct.firstFailingSeed !== null ? SEEDS + pct.runs : null;
  const first = random.firstFailingSeed !== null ? random : pct.firstFailingSeed !== null ? pct : null;
  const shrunk = first === null ? null : shrinkFirst(target, first);
  return {
    id: k.id,
    category: k.category,
    subcategory: k.subcategory,
    detected: foundBy !== null,
    property,
    foundBy,
    random,
    pct,
    runsToFind,
    exploreBuggy,
    exploreFixed,
    exploreSkipped: k.explore ?? null,
    fixedClean: fixedFailure === null,
    fixedFailure,
    upstreamBugReached,
    shrunk,
    wallMs: Math.round(clock() - t0),
  };
}

/** Shrinks the buggy variant's first failing seed of `found`, keeping its signature. */
function shrinkFirst(target: AnyTarget, found: SweepResult): ShrinkFigure {
  const base = kernelCase(target, 'buggy');
  const spec = { ...base, strategy: seedStrategy(found.strategy, found.firstFailingSeed as number, base) };
  const r = shrinkCase(spec, { maxRuns: SHRINK_RUNS });
  const size = (z: typeof r.before) => ({ steps: z.steps, decisions: z.decisions, preemptions: z.preemptions });
  return { signature: r.signature, before: size(r.before), after: size(r.after), runs: r.runs };
}
