/**
 * How often random strategies take a time slip. Offered before every scheduling step,
 * a uniform 50% slip would let virtual time race ahead of every runnable task; a slip
 * models a goroutine that was slow to be scheduled, so it should be rare.
 */
import { Labels, type Label } from '../label.ts';
import { scale } from './strategy.ts';

/** Probability that a random strategy fires the next timer early when offered. */
export const TIME_SLIP_PROBABILITY = 1 / 64;

/** A decision from a uniform double: biased for time slips, uniform otherwise. */
export function randomChoice(u: number, width: number, l: Label): number {
  if (l === Labels.timeSlip) return u < TIME_SLIP_PROBABILITY ? 1 : 0;
  return scale(u, width);
}
