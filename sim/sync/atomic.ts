/**
 * `sync/atomic` integers. Each operation is a scheduling point, so interleavings
 * around it are explored; the operation itself is indivisible.
 */
import type { Proc } from '../effects.ts';
import { gosched } from '../ops.ts';

/** An atomic int64 (held as a JS number; exact up to 2^53). */
export class AtomicInt {
  constructor(
    private v = 0,
    /** Name for traces. */
    readonly name = 'atomic',
  ) {}

  /** `Add(delta)`: returns the new value. */
  *add(delta: number): Proc<number> {
    yield* gosched(`${this.name}.add`);
    this.v += delta;
    return this.v;
  }

  /** `Load()`. */
  *load(): Proc<number> {
    yield* gosched(`${this.name}.load`);
    return this.v;
  }

  /** `Store(v)`. */
  *store(v: number): Proc<void> {
    yield* gosched(`${this.name}.store`);
    this.v = v;
  }

  /** `CompareAndSwap(old, new)`. */
  *compareAndSwap(old: number, next: number): Proc<boolean> {
    yield* gosched(`${this.name}.cas`);
    if (this.v !== old) return false;
    this.v = next;
    return true;
  }

  /** The value, read outside the simulation (checkers, tests). Not a scheduling point. */
  peek(): number {
    return this.v;
  }
}
