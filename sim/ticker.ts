/**
 * Go's `time.Ticker` on the virtual clock, with Go ≥ 1.23 semantics like the kernel's
 * timers: a tick the receiver has not taken yet is dropped when the next one is due
 * (at most one value waits), and after Stop or Reset no tick from before is delivered.
 */
import type { Chan } from './channel.ts';
import { GoPanic } from './errors.ts';
import type { Sim } from './kernel.ts';
import type { TimerEntry } from './timer-heap.ts';
import type { Micros } from './time.ts';

/** A ticker: `C` receives the time of each tick, `period` apart. */
export interface Ticker {
  /** The channel ticks are delivered on. */
  readonly C: Chan<Micros>;
  /** Stops the ticker; no tick is delivered afterwards, including one already due and not received. */
  stop(): void;
  /** Stops the ticker and restarts it with period `d`; the next tick is `d` from now. */
  reset(d: Micros): void;
}

/**
 * Go's `time.NewTicker(d)`. A non-positive period panics with Go's message
 * "non-positive interval for NewTicker".
 */
export function newTicker(sim: Sim, d: Micros, name = 'ticker'): Ticker {
  if (!(d > 0)) throw new GoPanic('non-positive interval for NewTicker');
  const c = sim.chan<Micros>(1, name);
  let period = d;
  let entry: TimerEntry | null = null;
  const arm = (): void => {
    entry = sim.schedule(period, name, () => {
      // A slow receiver misses ticks: the buffered value, if any, stays; the new one is dropped.
      c.trySend(sim.now);
      arm();
    });
  };
  const stop = (): void => {
    if (entry !== null) sim.unschedule(entry);
    entry = null;
    c.drain();
  };
  arm();
  return {
    C: c,
    stop,
    reset: (next: Micros): void => {
      if (!(next > 0)) throw new GoPanic('non-positive interval for Ticker.Reset');
      stop();
      period = next;
      arm();
    },
  };
}
