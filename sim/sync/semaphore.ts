/**
 * `golang.org/x/sync/semaphore.Weighted`: FIFO waiters; Acquire fails at once when the
 * context is already done, even if a slot is free; a context that ends while waiting
 * leaves the semaphore unchanged. Happens-before as x/sync's code gives it under the race
 * detector: every operation runs its bookkeeping under the semaphore's `sync.Mutex`
 * (modelled as one acquire-release of {@link Weighted}'s mutex clock per critical section),
 * and a waiter is woken by closing its `ready` channel (a real channel here as there).
 * So a Release happens before the Acquire it unblocks, and, through the mutex, every
 * earlier Acquire or Release happens before a later one.
 */
import { assert } from '../assert.ts';
import type { Chan } from '../channel.ts';
import type { Context } from '../context.ts';
import { GoPanic, type GoError } from '../errors.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { gosched, onRecv, select } from '../ops.ts';
import type { VClock } from '../race/vclock.ts';
import { objectId, touch } from '../dpor/dependency-log.ts';

interface SemWaiter {
  readonly n: number;
  readonly ready: Chan<never>;
}

/** A weighted semaphore. */
export class Weighted {
  /** Its object id in the dependency log (partial-order reduction). */
  private readonly oid = objectId();
  private cur = 0;
  private readonly waiters: SemWaiter[] = [];
  /** The clock of x/sync's `s.mu`. */
  private mu: VClock | null = null;

  constructor(
    private readonly sim: Sim,
    /** Total weight. */
    readonly size: number,
    /** Name for traces. */
    readonly name = 'semaphore',
  ) {
    assert(size >= 0, 'semaphore size must be non-negative');
  }

  /** Weight currently held. */
  get held(): number {
    return this.cur;
  }

  /** Number of parked acquirers. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** `Acquire(ctx, n)`: null on success, else the context's error. A scheduling point. */
  *acquire(ctx: Context, n = 1): Proc<GoError | null> {
    yield* gosched(`${this.name}.acquire`);
    const done = ctx.done();
    this.critical('Acquire of');
    if (ctx.err() !== null) return ctx.err();
    if (this.size - this.cur >= n && this.waiters.length === 0) {
      this.cur += n;
      return null;
    }
    if (n > this.size) {
      yield* select([onRecv(done)]);
      return ctx.err();
    }
    const w: SemWaiter = { n, ready: this.sim.chan<never>(0, `${this.name}.ready`) };
    this.waiters.push(w);
    const r = yield* select([onRecv(done), onRecv(w.ready)]);
    if (r.index === 0) {
      this.critical('Acquire (context done) of');
      if (w.ready.closed) {
        // Acquired after the context ended: give it back and fail, as x/sync does.
        this.cur -= n;
        this.notifyWaiters();
      } else {
        const i = this.waiters.indexOf(w);
        assert(i >= 0, `${this.name}: a waiter vanished`);
        const isFront = i === 0;
        this.waiters.splice(i, 1);
        if (isFront && this.size > this.cur) this.notifyWaiters();
      }
      return ctx.err();
    }
    if (ctx.err() !== null) {
      this.release(n);
      return ctx.err();
    }
    return null;
  }

  /** `TryAcquire(n)`. Not a scheduling point. */
  tryAcquire(n = 1): boolean {
    this.critical('TryAcquire of');
    if (this.size - this.cur >= n && this.waiters.length === 0) {
      this.cur += n;
      return true;
    }
    return false;
  }

  /** `Release(n)`. Releasing more than held panics. */
  release(n = 1): void {
    this.critical('Release of');
    this.cur -= n;
    if (this.cur < 0) {
      this.cur += n;
      throw new GoPanic(`semaphore: released more than held (${this.name})`);
    }
    this.notifyWaiters();
  }

  /** One `s.mu.Lock() ... s.mu.Unlock()` section (atomic here): acquire then release the mutex clock. */
  private critical(kind: string): void {
    touch(this.oid, true);
    const hb = this.sim.races;
    if (hb !== null && hb.cur !== null) this.mu = hb.releaseAcquire(hb.cur, this.mu, kind, this.name);
  }

  private notifyWaiters(): void {
    while (this.waiters.length > 0) {
      const w = this.waiters[0] as SemWaiter;
      if (this.size - this.cur < w.n) break;
      this.cur += w.n;
      this.waiters.shift();
      w.ready.close();
    }
  }
}
