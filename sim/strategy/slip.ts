/**
 * How often random strategies take a time slip. Offered before every scheduling step,
 * a uniform 50% slip would let virtual time race ahead of every runnable task; a slip
 * models a goroutine that was slow to be scheduled, so it should be rare.
 */
import { Labels, type Label } from '../label.ts';
import { scale } from './strategy.ts';

/** Probability that a random strategy fires the next timer early when offered. */
export const TIME_SLIP_PROBABILITY = 1 / 64;

/** Outcome i with probability weights[i] / sum, from a uniform double in [0, 1). */
export function weightedChoice(u: number, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = u * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i] as number;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** A decision from a uniform double: biased for time slips, uniform otherwise. */
export function randomChoice(u: number, width: number, l: Label): number {
  if (l === Labels.timeSlip) return u < TIME_SLIP_PROBABILITY ? 1 : 0;
  return scale(u, width);
}
