/**
 * `golang.org/x/sync/semaphore.Weighted`: FIFO waiters; Acquire fails at once when the
 * context is already done, even if a slot is free; a context that ends while waiting
 * leaves the semaphore unchanged. Each semaphore also keeps who holds its weight (the
 * task that acquired it, or the task it was handed to, and the step of the acquire), so
 * a checker can name a slot that was never given back; none of that enters the trace.
 * Happens-before as x/sync's code gives it under the race
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
import { endFastPath } from './end-fast-path.ts';
import type { Micros } from '../time.ts';

/** Weight held by one task: who acquired it, when, and who must give it back. */
export interface SemHolding {
  /** Weight held. */
  readonly n: number;
  /** The task that acquired it (id and name; id -1 for kernel context). */
  readonly acquiredBy: { readonly id: number; readonly name: string };
  /** Kernel step and virtual time of the acquire. */
  readonly step: number;
  readonly time: Micros;
  /** The task responsible for releasing it: the acquirer, unless {@link Weighted.handOver} moved it. */
  holder: { readonly id: number; readonly name: string };
}

const registry = new WeakMap<Sim, Weighted[]>();

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
  private readonly holdings: SemHolding[] = [];
  /** The clock of x/sync's `s.mu`. */
  private mu: VClock | null = null;

  /** Every semaphore made on `sim`, in creation order (for end-of-run accounting). */
  static of(sim: Sim): readonly Weighted[] {
    return registry.get(sim) ?? [];
  }

  constructor(
    private readonly sim: Sim,
    /** Total weight. */
    readonly size: number,
    /** Name for traces. */
    readonly name = 'semaphore',
  ) {
    assert(size >= 0, 'semaphore size must be non-negative');
    const all = registry.get(sim);
    if (all === undefined) registry.set(sim, [this]);
    else all.push(this);
  }

  /** The weight held now, holding by holding (oldest first). */
  get outstanding(): readonly SemHolding[] {
    return this.holdings;
  }

  /**
   * Hands the current task's most recent holding to `task`, which then owns its release
   * (e.g. one task acquires on behalf of a worker it then spawns, which releases).
   */
  handOver(task: { readonly id: number; readonly name: string }): void {
    // Who holds what is state a release reads (its bookkeeping, and the end-of-run accounting).
    touch(this.oid, true);
    const me = this.sim.current?.id ?? -1;
    for (let i = this.holdings.length - 1; i >= 0; i--) {
      const h = this.holdings[i] as SemHolding;
      if (h.holder.id === me) {
        h.holder = { id: task.id, name: task.name };
        return;
      }
    }
    assert(false, `${this.name}: handOver by a task that holds nothing`);
  }

  private hold(n: number): void {
    // A woken acquirer records its holding in its own step, which a release then reads.
    touch(this.oid, true);
    const t = this.sim.current;
    const who = { id: t?.id ?? -1, name: t?.name ?? 'kernel' };
    this.holdings.push({ n, acquiredBy: who, step: this.sim.steps, time: this.sim.now, holder: who });
  }

  private unhold(n: number): void {
    const me = this.sim.current?.id ?? -1;
    let i = this.holdings.findIndex((h) => h.holder.id === me && h.n === n);
    if (i < 0) i = this.holdings.findIndex((h) => h.n === n);
    if (i < 0) i = 0;
    this.holdings.splice(i, 1);
  }

  /** Weight currently held. */
  get held(): number {
    touch(this.oid, false);
    return this.cur;
  }

  /** Number of parked acquirers. */
  get waiting(): number {
    touch(this.oid, false);
    return this.waiters.length;
  }

  /** `Acquire(ctx, n)`: null on success, else the context's error. A scheduling point. */
  *acquire(ctx: Context, n = 1): Proc<GoError | null> {
    yield* gosched(`${this.name}.acquire`);
    const done = ctx.done();
    this.critical('Acquire of');
    if (ctx.err() !== null) {
      yield* endFastPath();
      return ctx.err();
    }
    if (this.size - this.cur >= n && this.waiters.length === 0) {
      this.cur += n;
      this.hold(n);
      yield* endFastPath();
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
      // Woken and cancelled at once: x/sync's s.Release(n) (its mutex section included),
      // without a holding to remove, since this acquire never recorded one.
      this.critical('Release of');
      this.cur -= n;
      this.notifyWaiters();
      return ctx.err();
    }
    this.hold(n);
    return null;
  }

  /** `TryAcquire(n)`. Not a scheduling point. */
  tryAcquire(n = 1): boolean {
    this.critical('TryAcquire of');
    if (this.size - this.cur >= n && this.waiters.length === 0) {
      this.cur += n;
      this.hold(n);
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
    this.unhold(n);
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
