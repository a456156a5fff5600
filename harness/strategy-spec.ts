/**
 * How a case picks its decisions, as data (so it can be written into repro files and
 * sent to workers), and the strategy object it stands for.
 */
import { GoScheduler, Pct, RandomWalk, Replay, type Decision, type Strategy } from '../sim/index.ts';

/** Strategy as data. */
export type StrategySpec =
  | { readonly kind: 'random'; readonly seed: number }
  | { readonly kind: 'pct'; readonly seed: number; readonly depth: number; readonly steps: number }
  /** Go-like scheduling (runnext hand-off, time slices, `procs` processors with work stealing). */
  | { readonly kind: 'go'; readonly seed: number; readonly procs: number }
  | { readonly kind: 'decisions'; readonly decisions: readonly Decision[] };

/** Default PCT parameters: bug depth 3 (the step estimate k comes from the scenario, see `seedStrategy`). */
export const PCT_DEFAULTS = { depth: 3 } as const;

/** Builds the strategy object. */
export function makeStrategy(s: StrategySpec): Strategy {
  switch (s.kind) {
    case 'random':
      return new RandomWalk(s.seed);
    case 'pct':
      return new Pct(s.seed, { depth: s.depth, steps: s.steps });
    case 'go':
      return new GoScheduler(s.seed, { procs: s.procs });
    case 'decisions':
      return new Replay(s.decisions);
  }
}
