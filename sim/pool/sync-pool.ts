/**
 * Go's `sync.Pool` (`src/sync/pool.go`, Go 1.26) as a pool policy: one cache per
 * processor P, each a private slot plus a shared chain (its owner pushes and pops the
 * head, other Ps steal from the tail); a victim cache that a garbage collection fills with
 * the primary caches and the next one throws away (`poolCleanup`); and, under the race
 * detector, `Put` dropping one object in four on the floor (`runtime_randn(4) == 0`).
 * Whether a GC has run since the last `Get`, and each race-mode drop, are labelled
 * decisions; which P a caller runs on comes from the caller's `procOf`.
 */
import { assert } from '../assert.ts';
import type { Sim } from '../kernel.ts';
import { label } from '../label.ts';
import type { LostResource, PolicyStats, PoolPolicy } from './policy.ts';
import type { Resource } from './resource.ts';

/** Options of {@link SyncPoolPolicy}. */
export interface SyncPoolOptions {
  /** GOMAXPROCS: the number of per-P caches (1 until a scheduler models processors). */
  readonly procs: number;
  /** The P the calling goroutine runs on, in [0, procs) (default: always 0). */
  readonly procOf?: () => number;
  /** Odds, per mille, that a GC ran since the previous Get (0: never; no decision is made). */
  readonly gcPerMille?: number;
  /** Race-detector build: Put drops one object in four. */
  readonly raceDrop?: boolean;
}

const GC = label('pool.gc', 'sched');
const RACE_DROP = label('pool.race-drop', 'sched');

/** `poolLocal`: a private slot and a shared chain (head = end of the array). */
interface Local<T> {
  private: Resource<T> | null;
  readonly shared: Resource<T>[];
}

const locals = <T>(n: number): Local<T>[] => Array.from({ length: n }, () => ({ private: null, shared: [] }));

/** `sync.Pool`. */
export class SyncPoolPolicy<T> implements PoolPolicy<T> {
  readonly name: string;
  readonly stats: PolicyStats = { dropped: 0, collected: 0, gcs: 0 };
  readonly lost: LostResource[] = [];
  private local: Local<T>[];
  private victim: Local<T>[] = [];
  private readonly procOf: () => number;

  constructor(
    private readonly sim: Sim,
    private readonly opts: SyncPoolOptions,
  ) {
    assert(Number.isInteger(opts.procs) && opts.procs >= 1, 'sync.Pool needs at least one P');
    this.local = locals(opts.procs);
    this.procOf = opts.procOf ?? (() => 0);
    this.name = `sync.Pool (${opts.procs} P${opts.gcPerMille ? `, GC ${opts.gcPerMille}‰ per Get` : ''}${opts.raceDrop ? ', race drops' : ''})`;
  }

  private pid(): number {
    const p = this.procOf();
    assert(Number.isInteger(p) && p >= 0 && p < this.opts.procs, `sync.Pool: P ${p} outside [0, ${this.opts.procs})`);
    return p;
  }

  /** `poolCleanup` at the start of a GC: the victim cache is dropped, the primary cache becomes the victim. */
  gc(): void {
    this.stats.gcs++;
    for (const l of this.victim) {
      for (const r of l.private === null ? l.shared : [l.private, ...l.shared]) {
        this.stats.collected++;
        this.lost.push({ id: r.id, at: this.sim.now, why: 'gc' });
      }
    }
    this.victim = this.local;
    this.local = locals(this.opts.procs);
  }

  get(): Resource<T> | undefined {
    const odds = this.opts.gcPerMille ?? 0;
    if (odds > 0 && this.sim.decideWeighted([1000 - odds, odds], GC) === 1) this.gc();
    const pid = this.pid();
    const l = this.local[pid] as Local<T>;
    let x = l.private;
    l.private = null;
    if (x === null) x = l.shared.pop() ?? this.getSlow(pid);
    return x ?? undefined;
  }

  /** `getSlow`: steal from the other Ps' tails, then the victim's private slot and tails. */
  private getSlow(pid: number): Resource<T> | null {
    const n = this.local.length;
    for (let i = 0; i < n; i++) {
      const x = (this.local[(pid + i + 1) % n] as Local<T>).shared.shift();
      if (x !== undefined) return x;
    }
    const v = this.victim;
    if (pid >= v.length) return null;
    const mine = v[pid] as Local<T>;
    if (mine.private !== null) {
      const x = mine.private;
      mine.private = null;
      return x;
    }
    for (let i = 0; i < v.length; i++) {
      const x = (v[(pid + i) % v.length] as Local<T>).shared.shift();
      if (x !== undefined) return x;
    }
    this.victim = [];
    return null;
  }

  put(r: Resource<T>): boolean {
    if (this.opts.raceDrop === true && this.sim.decideWeighted([3, 1], RACE_DROP) === 1) {
      this.stats.dropped++;
      this.lost.push({ id: r.id, at: this.sim.now, why: 'race-drop' });
      return false;
    }
    const l = this.local[this.pid()] as Local<T>;
    if (l.private === null) l.private = r;
    else l.shared.push(r);
    return true;
  }

  size(): number {
    let n = 0;
    for (const l of [...this.local, ...this.victim]) n += (l.private === null ? 0 : 1) + l.shared.length;
    return n;
  }
}
