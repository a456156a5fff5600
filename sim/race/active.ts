/**
 * The race runtime of the simulation running now, for primitives that are not given the
 * kernel (Go's `sync/atomic` values are plain words: `AtomicInt` has no `Sim`). A run is
 * one synchronous loop, so "running now" is well defined; {@link Sim.run} sets it and
 * restores the previous value when it returns.
 */
import type { Races } from './runtime.ts';

let active: Races | null = null;

/** The race runtime of the running simulation (null outside a run, or with race detection off). */
export function activeRaces(): Races | null {
  return active;
}

/** Makes `r` the running one; returns the previous one (for the caller to restore). */
export function setActiveRaces(r: Races | null): Races | null {
  const prev = active;
  active = r;
  return prev;
}
