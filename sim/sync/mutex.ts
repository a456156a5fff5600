/**
 * `sync.Mutex`: Lock and Unlock are scheduling points, and a Lock that takes the mutex at once
 * ends its step there, as one that waits does (end-fast-path.ts); waiters are served FIFO;
 * unlocking an unlocked mutex is a fatal error (a panic here). Happens-before as Go's
 * race annotations in `sync/mutex.go`: Unlock releases (stores) the unlocker's clock into
 * the mutex, every Lock (contended or not) acquires it, so the n-th Unlock happens before
 * the (n+1)-th Lock returns. The internal wait channels add no edge of their own.
 */
import type { Chan } from '../channel.ts';
import { GoPanic } from '../errors.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { gosched, recv } from '../ops.ts';
import type { VClock } from '../race/vclock.ts';
import { objectId, touch } from '../dpor/dependency-log.ts';
import { endFastPath } from './end-fast-path.ts';

/** A mutex. */
export class Mutex {
  /** Its object id in the dependency log (partial-order reduction). */
  private readonly oid = objectId();
  /**
   * What Unlock released, as its own object: a waiter handed the lock acquires it only when it
   * resumes, and another task may unlock in between (Go lets one goroutine unlock a mutex
   * another locked), so the resumed step reads it; waiters queueing meanwhile do not touch it.
   */
  private readonly releasedOid = objectId();
  private locked = false;
  private readonly waiters: Chan<never>[] = [];
  /** What the last Unlock released. */
  private clock: VClock | null = null;
  private locks = 0;
  private unlocks = 0;

  constructor(
    private readonly sim: Sim,
    /** Name for traces. */
    readonly name = 'mutex',
  ) {}

  /** Whether the mutex is held: a task that asks reads the mutex (a dependency the reduction must see). */
  get isLocked(): boolean {
    touch(this.oid, false);
    return this.locked;
  }

  /** `Lock()`. */
  *lock(): Proc<void> {
    yield* gosched(`${this.name}.lock`);
    touch(this.oid, true);
    if (!this.locked) {
      this.locked = true;
      this.acquired();
      yield* endFastPath();
      return;
    }
    const ch = this.sim.chan<never>(0, `${this.name}.wait`).internal();
    this.waiters.push(ch);
    yield* recv(ch);
    touch(this.releasedOid, false);
    this.acquired();
  }

  /** `Unlock()`: hands the lock to the oldest waiter, if any. */
  *unlock(): Proc<void> {
    yield* gosched(`${this.name}.unlock`);
    touch(this.oid, true);
    if (!this.locked) throw new GoPanic(`sync: unlock of unlocked mutex (${this.name})`);
    touch(this.releasedOid, true);
    const hb = this.sim.races;
    if (hb !== null) {
      const t = hb.need();
      this.clock = hb.releaseStore(t, 'unlock of', this.name);
      hb.note({ k: 'unlock', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this), n: this.unlocks });
    }
    this.unlocks++;
    const next = this.waiters.shift();
    if (next === undefined) this.locked = false;
    else next.close();
  }

  private acquired(): void {
    const hb = this.sim.races;
    if (hb !== null) {
      const t = hb.need();
      hb.acquire(t, this.clock, 'lock of', this.name);
      hb.note({ k: 'lock', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this), n: this.locks });
    }
    this.locks++;
  }
}
