/**
 * Where a tracked pool keeps what is put back, and which resource a get hands out again.
 * The default keeps one LIFO stack (deterministic, no decisions); {@link SyncPoolPolicy}
 * in `sync-pool.ts` follows Go's `sync.Pool`. A resource a policy drops or forgets is
 * garbage: it stays freed and is never handed out again.
 */
import type { Resource } from './resource.ts';

/** Counters of a policy. */
export interface PolicyStats {
  /** Puts dropped on the floor (Go's race-mode drop). */
  dropped: number;
  /** Resources forgotten by a garbage collection. */
  collected: number;
  /** Garbage collections that ran. */
  gcs: number;
}

/** A pool's storage policy. */
export interface PoolPolicy<T> {
  /** A name for reports. */
  readonly name: string;
  /** Counters. */
  readonly stats: PolicyStats;
  /** `Get`: a resource put back earlier, or undefined (the pool makes a fresh one). */
  get(): Resource<T> | undefined;
  /** `Put`: keeps the resource, or drops it (returns false). */
  put(r: Resource<T>): boolean;
  /** How many resources the pool holds now. */
  size(): number;
  /** Resources the policy let go, with when and why (for studies; nothing of it reaches the trace). */
  readonly lost: readonly LostResource[];
}

/** A resource a policy dropped or forgot: garbage from then on. */
export interface LostResource {
  readonly id: number;
  /** Virtual time. */
  readonly at: number;
  readonly why: 'race-drop' | 'gc';
}

/** One LIFO stack: the last resource put back is the next one got. */
export class LifoPolicy<T> implements PoolPolicy<T> {
  readonly name = 'lifo';
  readonly stats: PolicyStats = { dropped: 0, collected: 0, gcs: 0 };
  readonly lost: readonly LostResource[] = [];
  private readonly free: Resource<T>[] = [];

  get(): Resource<T> | undefined {
    return this.free.pop();
  }

  put(r: Resource<T>): boolean {
    this.free.push(r);
    return true;
  }

  size(): number {
    return this.free.length;
  }
}
