/**
 * Go map iteration order: unspecified, so each order is a labelled decision.
 */
import { label, type Sim } from '../sim/index.ts';

/** Returns `keys` in an order chosen by the decision stream (label `map-order.<what>`). */
export function goMapOrder<K>(sim: Sim, keys: readonly K[], what: string): K[] {
  const rest = keys.slice();
  const out: K[] = [];
  const l = label(`map-order.${what}`, 'sched');
  while (rest.length > 0) {
    const i = sim.decide(rest.length, l);
    out.push(rest.splice(i, 1)[0] as K);
  }
  return out;
}

/**
 * Which of `width` matching keys a Go map loop that returns at the first match meets
 * first: one decision (label `map-order.<what>`), none when only one key matches.
 */
export type MapPick = (width: number) => number;

/** A {@link MapPick} drawing from the run's decision stream. */
export function mapPick(sim: Sim, what: string): MapPick {
  const l = label(`map-order.${what}`, 'sched');
  return (width) => sim.decide(width, l);
}
