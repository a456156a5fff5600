/**
 * The happens-before runtime of one run: a vector clock per thread, the synchronisation
 * operations Go's race runtime (ThreadSanitizer, as `runtime/race` drives it) performs,
 * and the access check that finds data races. Sync objects (channels, mutexes, contexts)
 * keep their own clocks and call these operations; the names follow TSan's:
 *
 * - acquire: thread ⊔= object
 * - release-store: object := thread (Go's `racerelease`)
 * - release-merge: object ⊔= thread (Go's `racereleasemerge`)
 * - release-acquire: thread ⊔= object, then object := thread (an atomic read-modify-write)
 * - release-store-acquire: object := thread as it was, then thread ⊔= the old object
 *   (Go's `racereleaseacquire`, one buffered-channel slot)
 *
 * Every release leaves the thread {@link Thread.dirty}: its next access gets a new epoch,
 * so what it does after a release is not covered by what it released.
 */
import { fail } from '../assert.ts';
import type { Micros } from '../time.ts';
import type { LocationSet } from '../memory/location.ts';
import { Detector, Raced } from './detector.ts';
import { RaceLog, type LoggedEvent } from './log.ts';
import type { DataRace } from './report.ts';
import { Thread } from './thread.ts';
import { VClock } from './vclock.ts';

/** What the runtime reads of the kernel. */
export interface RaceHost {
  readonly steps: number;
  readonly now: Micros;
}

/** The happens-before state of one run. */
export class Races {
  /** The thread running now: a task, the setup phase, a firing timer; null between them. */
  cur: Thread | null;
  /** The thread of the setup phase (code run before the run starts; spawns from it). */
  readonly setup: Thread;
  /** Races found, one per location group and pair of sites, in detection order. */
  readonly found: DataRace[];
  /** Test-only record of synchronisations and accesses (null unless asked for). */
  readonly log: RaceLog | null;
  private nextSlot = 1;
  /** The thread of the timer firing now (reused across fires). */
  private kernel: Thread | null = null;
  /** Shadow state and race reports. */
  private readonly detector: Detector;
  /** Set once the run is over: accesses are no longer checked. */
  private over = false;

  constructor(
    private readonly host: RaceHost,
    log: boolean,
  ) {
    this.setup = new Thread(0, 'setup', VClock.zero());
    this.detector = new Detector(host);
    this.detector.named(0, 'setup');
    this.found = this.detector.found;
    this.cur = this.setup;
    this.log = log ? new RaceLog() : null;
  }

  // ------------------------------------------------------------------ threads

  /** The `go` statement: a new thread knowing everything the current one does. */
  spawn(name: string): Thread {
    const p = this.need();
    const child = new Thread(this.nextSlot++, name, VClock.copyOf(p.clock));
    this.detector.named(child.slot, name);
    p.dirty = true;
    child.synced('started by go statement in', p.name, this.host.steps);
    this.log?.push({ k: 'spawn', t: p.slot, child: child.slot });
    return child;
  }

  /** What a timer armed now carries to its firing (Go releases on timer modify); null outside any thread. */
  armSnapshot(): VClock | null {
    const t = this.cur;
    if (t === null) return null;
    t.dirty = true;
    return VClock.copyOf(t.clock);
  }

  /**
   * The run is over: code that still runs (a test stopping its world, a checker) acts as
   * one more thread, so the kernel's operations keep working; nothing it does is a finding
   * of the run.
   */
  afterRun(): void {
    this.cur = new Thread(-1, 'after the run', VClock.zero());
    this.over = true;
  }

  /**
   * A timer fires in kernel context with the clock its armer had (null: none, e.g. a
   * sleep). The fire's thread object is reused while no access has given it a slot of its
   * own (an access record keeps its thread).
   */
  enterKernel(armed: VClock | null, what: string): void {
    if (armed === null) {
      this.cur = null;
      return;
    }
    const k = this.kernel;
    if (k === null || k.slot >= 0) {
      this.kernel = new Thread(-1, `timer ${what}`, armed);
    } else {
      k.clock = armed;
      k.name = `timer ${what}`;
      k.syncKind = '';
    }
    this.cur = this.kernel;
  }

  /** A task finished: its clock is never read again, so what only it held is freed. */
  exited(t: Thread): void {
    t.clock.clear();
  }

  /** The current thread, failing in kernel context without a clock. */
  need(): Thread {
    const t = this.cur;
    if (t === null) fail('a synchronisation or tracked access in kernel context without a clock (only timers carry one)');
    return t;
  }

  // ------------------------------------------------------------------ sync operations

  /** Thread ⊔= `from`. */
  acquire(t: Thread, from: VClock | null, kind: string, obj: string): void {
    if (from !== null) t.clock.join(from);
    t.synced(kind, obj, this.host.steps);
  }

  /** The clock to store: a copy of the thread's (`racerelease`). */
  releaseStore(t: Thread, kind: string, obj: string): VClock {
    t.dirty = true;
    t.synced(kind, obj, this.host.steps);
    return VClock.copyOf(t.clock);
  }

  /** `into ⊔= thread` (`racereleasemerge`); returns the object's new clock. */
  releaseMerge(t: Thread, into: VClock | null, kind: string, obj: string): VClock {
    t.dirty = true;
    t.synced(kind, obj, this.host.steps);
    if (into === null) return VClock.copyOf(t.clock);
    into.join(t.clock);
    return into;
  }

  /** Thread ⊔= object, object := thread (a synchronising atomic read-modify-write). */
  releaseAcquire(t: Thread, obj: VClock | null, kind: string, name: string): VClock {
    if (obj !== null) t.clock.join(obj);
    t.dirty = true;
    t.synced(kind, name, this.host.steps);
    return VClock.copyOf(t.clock);
  }

  /** Object := thread as it was, thread ⊔= old object (`racereleaseacquire` on a channel slot). */
  releaseStoreAcquire(t: Thread, obj: VClock | null, kind: string, name: string): VClock {
    const stored = VClock.copyOf(t.clock);
    if (obj !== null) t.clock.join(obj);
    t.dirty = true;
    t.synced(kind, name, this.host.steps);
    return stored;
  }

  /** A rendezvous (Go's `racesync`): each side ends knowing what both knew. */
  exchange(a: Thread, b: Thread, aKind: string, bKind: string, obj: string): void {
    b.clock.join(a.clock);
    a.clock.join(b.clock);
    a.dirty = true;
    b.dirty = true;
    const step = this.host.steps;
    a.synced(aKind, obj, step);
    b.synced(bKind, obj, step);
  }

  /** Appends to the test-only log (no-op unless logging). */
  note(e: LoggedEvent): void {
    this.log?.push(e);
  }

  // ------------------------------------------------------------------ accesses

  /**
   * Checks and records an access of the current thread to location `i` of `set` at `site`
   * (see {@link Detector.access}); `tag` is the accessor's own number for the report (a
   * block generation), or -1.
   */
  access(set: LocationSet, i: number, write: boolean, site: string, tag = -1): Raced {
    if (this.over) return Raced.No;
    const t = this.need();
    if (t.slot < 0) {
      t.slot = this.nextSlot++; // a firing timer that touches memory gets an entry of its own
      this.detector.named(t.slot, t.name);
    }
    const r = this.detector.access(set, i, write, site, tag, t);
    if (this.log !== null) this.log.push({ k: 'access', t: t.slot, loc: this.log.id(set) * 4096 + i, group: set.group(i), write, site });
    return r;
  }
}
