/**
 * Go's `sync.Map`, as far as GoKer's kernels use it: `Store`, `Load` and `Range`. It is
 * safe for concurrent use, and a `Store` happens before a `Load` or `Range` that observes
 * it. Modelled by a map under an internal mutex (the real type's `mu`, which its slow
 * path takes), which orders every operation after the previous one: a little more than
 * Go orders when a reader hits the read-only fast path, never less.
 */
import { Mutex, type Proc, type Sim } from '../../sim/index.ts';

/** A `sync.Map` from `K` to `V`. */
export class SyncMap<K, V> {
  private readonly mu: Mutex;
  private readonly m = new Map<K, V>();

  constructor(sim: Sim, name: string) {
    this.mu = new Mutex(sim, `${name}.mu`);
  }

  /** `m.Store(k, v)`. */
  *store(k: K, v: V): Proc<void> {
    yield* this.mu.lock();
    this.m.set(k, v);
    yield* this.mu.unlock();
  }

  /** `m.Load(k)` (undefined when absent). */
  *load(k: K): Proc<V | undefined> {
    yield* this.mu.lock();
    const v = this.m.get(k);
    yield* this.mu.unlock();
    return v;
  }

  /**
   * `m.Range(f)`: the entries present when it starts, in insertion order (GoKer's kernels
   * range over at most one entry), `f` running outside the lock as in Go; `f` returning
   * false stops it.
   */
  *range(f: (k: K, v: V) => Proc<boolean>): Proc<void> {
    yield* this.mu.lock();
    const entries = [...this.m.entries()];
    yield* this.mu.unlock();
    for (const [k, v] of entries) if (!(yield* f(k, v))) return;
  }
}
