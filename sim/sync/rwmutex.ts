/**
 * `sync.RWMutex` with Go's writer priority: once a writer is waiting, new readers block
 * until that writer has had the lock (so a recursive read lock can deadlock against a
 * waiting writer, the "RWR" deadlock). Unlock admits every reader that queued behind the
 * writer before the next writer. Every operation is a scheduling point.
 *
 * Happens-before as Go's race annotations in `sync/rwmutex.go`, on two clocks named after
 * the semaphores they sit on: Unlock release-stores into `readerSem`, RUnlock
 * release-merges into `writerSem`; RLock acquires `readerSem`, Lock acquires both. So an
 * Unlock happens before every later RLock and Lock, every RUnlock before every later Lock,
 * and readers are not ordered with each other. The wait channels add no edge of their own.
 */
import { assert } from '../assert.ts';
import type { Chan } from '../channel.ts';
import { GoPanic } from '../errors.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { gosched, recv } from '../ops.ts';
import type { VClock } from '../race/vclock.ts';
import type { Locker } from './locker.ts';
import { objectId, touch } from '../dpor/dependency-log.ts';
import { endFastPath } from './end-fast-path.ts';

/** Where the writer side is. */
const enum Writer {
  /** No writer holds or waits for the lock. */
  None = 0,
  /** A writer has announced itself and waits for the active readers to leave. */
  Draining = 1,
  /** A writer holds the lock. */
  Held = 2,
}

/** A reader/writer mutex. */
export class RWMutex {
  /** Its object id in the dependency log (partial-order reduction). */
  private readonly oid = objectId();
  /**
   * What Unlock and RUnlock released (both semaphores' clocks), as its own object: a waiter
   * handed the lock acquires them only when it resumes, and another task may unlock in
   * between (Go lets one goroutine unlock what another locked), so the resumed step reads it.
   */
  private readonly releasedOid = objectId();
  private readers = 0;
  private writer = Writer.None;
  /** The draining writer's wake-up channel (set while `writer` is Draining). */
  private drained: Chan<never> | null = null;
  /** Readers blocked behind a writer, oldest first. */
  private readonly blockedReaders: Chan<never>[] = [];
  /** Writers waiting for the writer slot (Go's `rw.w`), oldest first. */
  private readonly blockedWriters: Chan<never>[] = [];
  /** What the last Unlock released (Go's `&rw.readerSem`). */
  private readerSem: VClock | null = null;
  /** What every RUnlock so far released (Go's `&rw.writerSem`). */
  private writerSem: VClock | null = null;

  constructor(
    private readonly sim: Sim,
    /** Name for traces and deadlock reports. */
    readonly name = 'rwmutex',
  ) {}

  /** Number of readers holding the lock. */
  get readerCount(): number {
    touch(this.oid, false);
    return this.readers;
  }

  /** Whether a writer holds the lock. */
  get isWriteLocked(): boolean {
    touch(this.oid, false);
    return this.writer === Writer.Held;
  }

  /** Whether a writer waits for readers to leave (new readers then block). */
  get writerWaiting(): boolean {
    touch(this.oid, false);
    return this.writer === Writer.Draining;
  }

  /** `RLock()`: blocks while a writer holds the lock or waits for it. */
  *rLock(): Proc<void> {
    yield* gosched(`${this.name}.rlock`);
    touch(this.oid, true);
    if (this.writer === Writer.None) {
      this.readers++;
      this.acquired(false);
      yield* endFastPath();
      return;
    }
    const ch = this.sim.chan<never>(0, `${this.name}.rlock`).internal();
    this.blockedReaders.push(ch);
    yield* recv(ch);
    touch(this.releasedOid, false);
    this.acquired(false);
  }

  /** `TryRLock()`: takes a read lock only when no writer holds or waits for it. Not a scheduling point. */
  tryRLock(): boolean {
    touch(this.oid, true);
    if (this.writer !== Writer.None) return false;
    this.readers++;
    this.acquired(false);
    return true;
  }

  /** `RUnlock()`. Without a read lock held, Go's fatal error "sync: RUnlock of unlocked RWMutex". */
  *rUnlock(): Proc<void> {
    yield* gosched(`${this.name}.runlock`);
    touch(this.oid, true);
    if (this.readers === 0) throw new GoPanic(`sync: RUnlock of unlocked RWMutex (${this.name})`);
    touch(this.releasedOid, true);
    const hb = this.sim.races;
    if (hb !== null) {
      const t = hb.need();
      this.writerSem = hb.releaseMerge(t, this.writerSem, 'RUnlock of', this.name);
      hb.note({ k: 'runlock', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this) });
    }
    this.readers--;
    if (this.readers === 0 && this.writer === Writer.Draining) {
      const d = this.drained;
      assert(d !== null, `${this.name}: a draining writer has no wake-up channel`);
      this.drained = null;
      this.writer = Writer.Held;
      d.close();
    }
  }

  /**
   * `Lock()`: waits for the writer slot, then blocks new readers and waits for the active
   * ones to leave. A parked writer is woken only once it holds the lock.
   */
  *lock(): Proc<void> {
    yield* gosched(`${this.name}.lock`);
    touch(this.oid, true);
    if (this.writer === Writer.None && this.readers === 0) {
      assert(this.blockedWriters.length === 0, `${this.name}: writers queued while the mutex is free`);
      this.writer = Writer.Held;
      this.acquired(true);
      yield* endFastPath();
      return;
    }
    const ch = this.sim.chan<never>(0, `${this.name}.lock`).internal();
    if (this.writer === Writer.None) {
      assert(this.blockedWriters.length === 0, `${this.name}: writers queued while no writer holds the slot`);
      this.writer = Writer.Draining;
      this.drained = ch;
    } else {
      this.blockedWriters.push(ch);
    }
    yield* recv(ch);
    // Woken holding the lock; another task may have unlocked it since (legal in Go), so its state is not asserted here.
    touch(this.releasedOid, false);
    this.acquired(true);
  }

  /** `TryLock()`: takes the write lock only when nobody holds the mutex. Not a scheduling point. */
  tryLock(): boolean {
    touch(this.oid, true);
    if (this.writer !== Writer.None || this.readers > 0) return false;
    this.writer = Writer.Held;
    this.acquired(true);
    return true;
  }

  /**
   * `Unlock()`. Without the write lock held, Go's fatal error "sync: Unlock of unlocked
   * RWMutex". Readers that blocked behind the writer get the lock first; the next writer
   * then waits for them.
   */
  *unlock(): Proc<void> {
    yield* gosched(`${this.name}.unlock`);
    touch(this.oid, true);
    if (this.writer !== Writer.Held) throw new GoPanic(`sync: Unlock of unlocked RWMutex (${this.name})`);
    assert(this.readers === 0, `${this.name}: readers active while a writer held the lock`);
    touch(this.releasedOid, true);
    const hb = this.sim.races;
    if (hb !== null) {
      const t = hb.need();
      this.readerSem = hb.releaseStore(t, 'Unlock of', this.name);
      hb.note({ k: 'wunlock', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this) });
    }
    const admitted = this.blockedReaders.splice(0);
    this.readers += admitted.length;
    for (const ch of admitted) ch.close();
    this.writer = Writer.None;
    const next = this.blockedWriters.shift();
    if (next === undefined) return;
    if (this.readers === 0) {
      this.writer = Writer.Held;
      next.close();
    } else {
      // The next writer owns the slot and waits for the readers just admitted.
      this.writer = Writer.Draining;
      this.drained = next;
    }
  }

  /** A read lock (`write` false) or the write lock was taken: acquire what Go's race annotations acquire. */
  private acquired(write: boolean): void {
    const hb = this.sim.races;
    if (hb === null) return;
    const t = hb.need();
    hb.acquire(t, this.readerSem, write ? 'Lock of' : 'RLock of', this.name);
    if (write) hb.acquire(t, this.writerSem, 'Lock of', this.name);
    hb.note({ k: write ? 'wlock' : 'rlock', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this) });
  }

  /** `RLocker()`: a {@link Locker} whose Lock and Unlock are RLock and RUnlock. */
  rLocker(): Locker {
    return { lock: () => this.rLock(), unlock: () => this.rUnlock() };
  }
}
