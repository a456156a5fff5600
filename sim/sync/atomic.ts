/**
 * `sync/atomic` integers. Each operation is a scheduling point, so interleavings
 * around it are explored; the operation itself is indivisible. Happens-before as Go's
 * race runtime gives atomics (acquire loads, release stores, acquire-release
 * read-modify-writes): an operation that observes a value synchronises with the write
 * that stored it (Go memory model: atomics are sequentially consistent and synchronise).
 */
import type { Proc } from '../effects.ts';
import { gosched } from '../ops.ts';
import { activeRaces } from '../race/active.ts';
import type { VClock } from '../race/vclock.ts';
import { objectId, touch } from '../dpor/dependency-log.ts';

/** An atomic int64 (held as a JS number; exact up to 2^53). */
export class AtomicInt {
  /** Its object id in the dependency log (partial-order reduction). */
  private readonly oid = objectId();
  /** What the writes so far released (release sequence: read-modify-writes keep it). */
  private clock: VClock | null = null;

  constructor(
    private v = 0,
    /** Name for traces. */
    readonly name = 'atomic',
  ) {}

  /** `Add(delta)`: returns the new value. */
  *add(delta: number): Proc<number> {
    yield* gosched(`${this.name}.add`);
    touch(this.oid, true);
    this.readModifyWrite('atomic Add on');
    this.v += delta;
    return this.v;
  }

  /** `Load()`. */
  *load(): Proc<number> {
    yield* gosched(`${this.name}.load`);
    touch(this.oid, false);
    this.observe('atomic Load of');
    return this.v;
  }

  /** `Store(v)`. */
  *store(v: number): Proc<void> {
    yield* gosched(`${this.name}.store`);
    touch(this.oid, true);
    const hb = activeRaces();
    if (hb !== null) this.clock = hb.releaseStore(hb.need(), 'atomic Store to', this.name);
    this.v = v;
  }

  /** `CompareAndSwap(old, new)`: a read-modify-write when it swaps, a load when it fails. */
  *compareAndSwap(old: number, next: number): Proc<boolean> {
    yield* gosched(`${this.name}.cas`);
    touch(this.oid, true);
    if (this.v !== old) {
      this.observe('atomic CompareAndSwap (failed) on');
      return false;
    }
    this.readModifyWrite('atomic CompareAndSwap on');
    this.v = next;
    return true;
  }

  /** The value, read outside the simulation (checkers, tests). Not a scheduling point, not synchronising. */
  peek(): number {
    return this.v;
  }

  private observe(kind: string): void {
    const hb = activeRaces();
    if (hb !== null) hb.acquire(hb.need(), this.clock, kind, this.name);
  }

  private readModifyWrite(kind: string): void {
    const hb = activeRaces();
    if (hb !== null) this.clock = hb.releaseAcquire(hb.need(), this.clock, kind, this.name);
  }
}
