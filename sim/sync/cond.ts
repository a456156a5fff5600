/**
 * `sync.Cond`: Wait joins the wait list *before* it releases `L` (Go's notify-list
 * ticket), so a Signal that lands between the release and the park still wakes it; it
 * then reacquires `L` before returning. Signal wakes the oldest waiter, Broadcast wakes
 * all; with nobody waiting both are no-ops (the wake-up is lost, as in Go).
 */
import type { Chan } from '../channel.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { gosched, recv } from '../ops.ts';
import type { Locker } from './locker.ts';

/** A condition variable over a {@link Locker}. */
export class Cond {
  private readonly waiters: Chan<never>[] = [];

  constructor(
    private readonly sim: Sim,
    /** Go's `c.L`: held while observing or changing the condition. */
    public L: Locker,
    /** Name for traces and deadlock reports. */
    readonly name = 'cond',
  ) {}

  /** Number of tasks parked in {@link wait}. */
  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * `Wait()`: atomically joins the wait list and unlocks `L`, parks until signalled, then
   * locks `L` again. Unlocking an `L` that is not held is `L`'s own fatal error.
   */
  *wait(): Proc<void> {
    const ticket = this.sim.chan<never>(0, `${this.name}.wait`);
    this.waiters.push(ticket);
    yield* this.L.unlock();
    yield* recv(ticket);
    yield* this.L.lock();
  }

  /** `Signal()`: wakes the longest-waiting task, if any. A scheduling point. */
  *signal(): Proc<void> {
    yield* gosched(`${this.name}.signal`);
    this.waiters.shift()?.close();
  }

  /** `Broadcast()`: wakes every waiting task. A scheduling point. */
  *broadcast(): Proc<void> {
    yield* gosched(`${this.name}.broadcast`);
    for (const ch of this.waiters.splice(0)) ch.close();
  }
}
