/**
 * `sync.Cond`: Wait joins the wait list *before* it releases `L` (Go's notify-list
 * ticket), so a Signal that lands between the release and the park still wakes it; it
 * then reacquires `L` before returning. Signal wakes the oldest waiter, Broadcast wakes
 * all; with nobody waiting both are no-ops (the wake-up is lost, as in Go).
 *
 * Happens-before as the Go memory model states it for Cond ("a call to Broadcast or
 * Signal synchronizes before any Wait call that it unblocks"): the signaller's clock is
 * stored in each ticket it wakes and the woken Wait acquires it, before it locks `L`
 * again (which adds `L`'s own edge). A Signal that wakes nobody orders nothing. The
 * ticket channels add no edge of their own.
 */
import type { Chan } from '../channel.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { gosched, recv } from '../ops.ts';
import type { VClock } from '../race/vclock.ts';
import type { Locker } from './locker.ts';
import { objectId, touch } from '../dpor/dependency-log.ts';

/** One parked Wait: its wake-up channel and what the Signal that woke it released. */
interface Ticket {
  readonly ch: Chan<never>;
  clock: VClock | null;
}

/** A condition variable over a {@link Locker}. */
export class Cond {
  /** Its object id in the dependency log (partial-order reduction). */
  private readonly oid = objectId();
  private readonly waiters: Ticket[] = [];

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
    touch(this.oid, true);
    const ticket: Ticket = { ch: this.sim.chan<never>(0, `${this.name}.wait`).internal(), clock: null };
    this.waiters.push(ticket);
    yield* this.L.unlock();
    yield* recv(ticket.ch);
    const hb = this.sim.races;
    if (hb !== null) {
      const t = hb.need();
      hb.acquire(t, ticket.clock, 'Wait (woken) on', this.name);
      hb.note({ k: 'woken', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(ticket) });
    }
    yield* this.L.lock();
  }

  /** `Signal()`: wakes the longest-waiting task, if any. A scheduling point. */
  *signal(): Proc<void> {
    yield* gosched(`${this.name}.signal`);
    touch(this.oid, true);
    const w = this.waiters.shift();
    if (w !== undefined) this.wake([w], 'Signal of');
  }

  /** `Broadcast()`: wakes every waiting task. A scheduling point. */
  *broadcast(): Proc<void> {
    yield* gosched(`${this.name}.broadcast`);
    touch(this.oid, true);
    const all = this.waiters.splice(0);
    if (all.length > 0) this.wake(all, 'Broadcast of');
  }

  private wake(tickets: readonly Ticket[], kind: string): void {
    const hb = this.sim.races;
    if (hb !== null) {
      const t = hb.need();
      const clock = hb.releaseStore(t, kind, this.name);
      for (const w of tickets) {
        w.clock = clock; // read-only from here: each woken Wait joins it into its own clock
        hb.note({ k: 'signal', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(w) });
      }
    }
    for (const w of tickets) w.ch.close();
  }
}
