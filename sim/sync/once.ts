/**
 * `sync.Once`: Do runs its function once; a concurrent Do waits until that first call
 * has returned (even by panicking) and then returns without running its own. A Do that
 * calls Do on the same Once from inside the function waits for itself: a deadlock, as
 * the Go documentation warns.
 *
 * Happens-before as `sync/once.go` gets it from its atomic and its mutex: the first Do
 * holds `o.m` while `f` runs, then stores `done` (a release) and unlocks `o.m`; a later
 * Do that sees `done` acquires it, and a Do that waited locks `o.m` after the first
 * (acquiring the previous Unlock) and unlocks it again, so waiters are also ordered among
 * themselves in the order they pass `o.m`. So `f` happens before every Do returns. The
 * wait channels add no edge of their own.
 */
import { assert } from '../assert.ts';
import type { Chan } from '../channel.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { gosched, recv } from '../ops.ts';
import type { VClock } from '../race/vclock.ts';
import { objectId, touch } from '../dpor/dependency-log.ts';
import { endFastPath } from './end-fast-path.ts';

/** A Once. */
export class Once {
  /** Its object id in the dependency log (partial-order reduction). */
  private readonly oid = objectId();
  private done = false;
  private running = false;
  private readonly waiters: Chan<never>[] = [];
  /** What the store of `done` released. */
  private doneClock: VClock | null = null;
  /** What the last Unlock of Go's `o.m` released. */
  private muClock: VClock | null = null;
  /** Go's `o.m` as the race log names it, and its Lock and Unlock counts. */
  private readonly mu = {};
  private locks = 0;
  private unlocks = 0;

  constructor(
    private readonly sim: Sim,
    /** Name for traces and deadlock reports. */
    readonly name = 'once',
  ) {}

  /** Whether the function has run to its end (returned or panicked). */
  get isDone(): boolean {
    touch(this.oid, false);
    return this.done;
  }

  /** `Do(f)`: a scheduling point; runs `f` in the calling task when it is the first call. */
  *do(f: () => Proc<void>): Proc<void> {
    yield* gosched(`${this.name}.do`);
    touch(this.oid, true);
    assert(!(this.done && this.running), `${this.name}: done while its function is still running`);
    if (this.done) {
      this.sawDone();
      yield* endFastPath();
      return;
    }
    if (this.running) {
      const ch = this.sim.chan<never>(0, `${this.name}.do`).internal();
      this.waiters.push(ch);
      yield* recv(ch);
      this.passMutex(true);
      return;
    }
    this.running = true;
    this.lockMutex();
    try {
      yield* f();
    } finally {
      // Go marks the Once done in a defer, so a panicking f counts as having run; a concurrent Do reads it.
      touch(this.oid, true);
      this.done = true;
      this.running = false;
      this.storeDone();
      this.passMutex(false);
      for (const ch of this.waiters.splice(0)) ch.close();
    }
    yield* endFastPath();
  }

  /** The fast path's `done.Load()` that saw 1. */
  private sawDone(): void {
    const hb = this.sim.races;
    if (hb === null) return;
    const t = hb.need();
    hb.acquire(t, this.doneClock, 'Do (done) of', this.name);
    hb.note({ k: 'once-seen', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this) });
  }

  /** `defer o.done.Store(1)`. */
  private storeDone(): void {
    const hb = this.sim.races;
    if (hb === null) return;
    const t = hb.need();
    this.doneClock = hb.releaseStore(t, 'Do (ran f) of', this.name);
    hb.note({ k: 'once-done', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this) });
  }

  /** `o.m.Lock()` by the Do that runs f. */
  private lockMutex(): void {
    const hb = this.sim.races;
    if (hb === null) return;
    const t = hb.need();
    hb.acquire(t, this.muClock, 'Do (lock) of', this.name);
    hb.note({ k: 'lock', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this.mu), n: this.locks++ });
  }

  /** `o.m.Unlock()`, preceded by `o.m.Lock()` for a Do that waited (`lock`). */
  private passMutex(lock: boolean): void {
    const hb = this.sim.races;
    if (hb === null) return;
    if (lock) this.lockMutex();
    const t = hb.need();
    this.muClock = hb.releaseStore(t, 'Do (unlock) of', this.name);
    hb.note({ k: 'unlock', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this.mu), n: this.unlocks++ });
  }
}
