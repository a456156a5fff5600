/**
 * A sweep's cases as positions in the order they are run. Without a budget or `--bail`
 * cases run in report order (variant, then scenario, then seed); with either they run
 * seed by seed (every configuration of seed k before seed k + 1), so that a budget covers
 * every configuration and the runs it keeps are whole seeds. Reports are always put back
 * in report order, so the report does not depend on how the cases were run.
 */
import { seedAt, shardSize, type SeedSelection } from './seeds.ts';

/** One case of a sweep. */
export interface Unit {
  readonly variant: string;
  /** The configuration as the user named it. */
  readonly scenario: string;
  readonly seed: number;
  /** Index of its seed in this shard's seeds (0 for the first). */
  readonly seedIndex: number;
  /** Its place in report order. */
  readonly rank: number;
}

/** The order cases are run in. */
export type RunOrder = 'report' | 'seed';

/** What a sweep runs. */
export interface SweepPlan {
  readonly variants: readonly string[];
  readonly scenarios: readonly string[];
  readonly seeds: SeedSelection;
  readonly order: RunOrder;
}

/** Cases per seed (every variant × scenario). */
export function perSeed(p: SweepPlan): number {
  return p.variants.length * p.scenarios.length;
}

/** How many cases the plan has (every seed of the shard). */
export function planSize(p: SweepPlan): number {
  return perSeed(p) * shardSize(p.seeds);
}

/** The case at run position `pos` (0 ≤ pos < {@link planSize}). */
export function unitAt(p: SweepPlan, pos: number): Unit {
  const nS = p.scenarios.length;
  const nK = shardSize(p.seeds);
  let v: number;
  let s: number;
  let k: number;
  if (p.order === 'report') {
    k = pos % nK;
    s = Math.floor(pos / nK) % nS;
    v = Math.floor(pos / (nK * nS));
  } else {
    k = Math.floor(pos / perSeed(p));
    const r = pos % perSeed(p);
    v = Math.floor(r / nS);
    s = r % nS;
  }
  return { variant: p.variants[v] as string, scenario: p.scenarios[s] as string, seed: seedAt(p.seeds, k), seedIndex: k, rank: (v * nS + s) * nK + k };
}
