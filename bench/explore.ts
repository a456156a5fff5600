/**
 * Exploration for `npm run bench`: plain DFS and source-DPOR on the same scenario (tiny,
 * hardened; no preemption bound for DPOR, bound 2 for DFS, where it exhausts), as
 * schedules, schedules per second and the reduction ratio; and tiny-3 under DPOR (three
 * callers), which plain DFS cannot exhaust, for DPOR's own rate. Timing here is the bench's own, outside any simulation.
 */
import { exploreCase, type ExploreReport } from '../harness/explore.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';

/** One measured exploration. */
export interface ExploreMeasure {
  readonly schedules: number;
  readonly classes: number | null;
  readonly redundant: number;
  readonly exhausted: boolean;
  readonly wallS: number;
  readonly schedulesPerS: number;
}

/** The measurements. */
export interface ExploreBench {
  readonly tinyDfsBound2: ExploreMeasure;
  readonly tinyDporNoBound: ExploreMeasure;
  /** DFS schedules ÷ DPOR schedules on tiny. */
  readonly tinyReduction: number;
  readonly tiny3DporNoBound: ExploreMeasure;
}

function measure(scenario: string, reduction: 'dpor' | 'none', bound: number): ExploreMeasure {
  const now = (): number => performance.now(); // determinism-ok: bench timing
  const r: ExploreReport = exploreCase(engineCase({ scenario, variant: 'hardened' }), bound, 1_000_000, { reduction }, now);
  const wallS = r.wallMs / 1000;
  return { schedules: r.schedules, classes: r.classes, redundant: r.redundant, exhausted: r.exhausted, wallS: Math.round(wallS * 100) / 100, schedulesPerS: Math.round(r.schedules / wallS) };
}

/** Runs the measurements. */
export function exploreBench(): ExploreBench {
  const tinyDfsBound2 = measure('tiny', 'none', 2);
  const tinyDporNoBound = measure('tiny', 'dpor', Number.POSITIVE_INFINITY);
  const tiny3DporNoBound = measure('tiny-3', 'dpor', Number.POSITIVE_INFINITY);
  return { tinyDfsBound2, tinyDporNoBound, tinyReduction: Math.round((tinyDfsBound2.schedules / tinyDporNoBound.schedules) * 10) / 10, tiny3DporNoBound };
}
