/**
 * Shared test programs for the strategy tests.
 */
import { gosched, type Sim } from '../index.ts';

/** Two independent tasks of `a` and `b` atomic steps (a task of n steps yields n − 1 times). */
export function independent(a: number, b: number): (sim: Sim) => void {
  return (sim) => {
    for (const [name, n] of [['A', a], ['B', b]] as const) {
      sim.spawn(name, function* () {
        for (let i = 1; i < n; i++) yield* gosched();
      });
    }
  };
}

/** The classic lost update: two tasks each read a shared counter, yield, then write it + 1. */
export function lostUpdate(sim: Sim): { counter: number } {
  const s = { counter: 0 };
  for (const name of ['inc-a', 'inc-b']) {
    sim.spawn(name, function* () {
      const v = s.counter;
      yield* gosched();
      s.counter = v + 1;
    });
  }
  return s;
}

/** True when the lost update happened. */
export const lost = (r: { state: { counter: number } }): boolean => r.state.counter !== 2;
