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
import { Access, type Location } from '../memory/location.ts';
import { RaceLog, type LoggedEvent } from './log.ts';
import { raceKey, type DataRace, type RaceSide } from './report.ts';
import { Thread } from './thread.ts';
import { VClock } from './vclock.ts';

/** What the runtime reads of the kernel. */
export interface RaceHost {
  readonly steps: number;
  readonly now: Micros;
}

/** What {@link Races.access} found. */
export const enum Raced {
  No = 0,
  /** Unordered with an earlier write, and this access writes too. */
  WriteWrite = 1,
  /** One of the two is a read. */
  ReadWrite = 2,
}

/** The happens-before state of one run. */
export class Races {
  /** The thread running now: a task, the setup phase, a firing timer; null between them. */
  cur: Thread | null;
  /** The thread of the setup phase (code run before the run starts; spawns from it). */
  readonly setup: Thread;
  /** Races found, one per location group and pair of sites, in detection order. */
  readonly found: DataRace[] = [];
  /** Test-only record of synchronisations and accesses (null unless asked for). */
  readonly log: RaceLog | null;
  private readonly byKey = new Map<string, DataRace>();
  private nextSlot = 1;
  /** Set once the run is over: accesses are no longer checked. */
  private over = false;

  constructor(
    private readonly host: RaceHost,
    log: boolean,
  ) {
    this.setup = new Thread(0, 'setup', VClock.zero());
    this.cur = this.setup;
    this.log = log ? new RaceLog() : null;
  }

  // ------------------------------------------------------------------ threads

  /** The `go` statement: a new thread knowing everything the current one does. */
  spawn(name: string): Thread {
    const p = this.need();
    const child = new Thread(this.nextSlot++, name, VClock.copyOf(p.clock));
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
    this.cur = new Thread(this.nextSlot++, 'after the run', VClock.zero());
    this.over = true;
  }

  /** A timer fires in kernel context with the clock its armer had (null: none, e.g. a sleep). */
  enterKernel(armed: VClock | null, what: string): void {
    this.cur = armed === null ? null : new Thread(-1, `timer ${what}`, armed);
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
   * Checks and records an access of the current thread to `loc` at `site`. Every earlier
   * conflicting access not ordered before this one is a race (reported once per pair of
   * sites). `tag` is the accessor's own number for the report (a block generation).
   */
  access(loc: Location, write: boolean, site: string, tag = -1): Raced {
    if (this.over) return Raced.No;
    const t = this.need();
    if (t.slot < 0) t.slot = this.nextSlot++; // a firing timer that touches memory gets an entry of its own
    const epoch = t.now();
    const c = t.clock;
    let raced = Raced.No;
    const gs = loc.groups;
    for (let i = 0; i < gs.length; i++) {
      const g = gs[i] as (typeof gs)[number];
      if (!write && !g.write) continue;
      const live = g.live;
      for (let j = 0; j < live.length; j++) {
        const a = live[j] as Access;
        if (a.thread === t || a.epoch <= c.get(a.thread.slot)) continue;
        this.report(loc, g.site, g.write, a, t, write, site, tag);
        raced = write && g.write ? Raced.WriteWrite : raced === Raced.No ? Raced.ReadWrite : raced;
      }
    }
    this.log?.push({ k: 'access', t: t.slot, loc: this.log.id(loc), group: loc.name.group, write, site });
    this.record(loc, write, site, tag, t, epoch);
    return raced;
  }

  /** Keeps the access in its group, dropping the group's accesses it happens after. */
  private record(loc: Location, write: boolean, site: string, tag: number, t: Thread, epoch: number): void {
    const live = loc.group(site, write).live;
    const c = t.clock;
    let reuse: Access | null = null;
    let n = 0;
    for (let j = 0; j < live.length; j++) {
      const a = live[j] as Access;
      if (a.thread === t || a.epoch <= c.get(a.thread.slot)) {
        if (reuse === null) reuse = a;
        continue;
      }
      live[n++] = a;
    }
    live.length = n;
    const step = this.host.steps;
    const now = this.host.now;
    if (reuse === null) {
      live.push(new Access(t, epoch, step, now, t.syncKind, t.syncObj, t.syncStep, tag));
      return;
    }
    reuse.thread = t;
    reuse.epoch = epoch;
    reuse.step = step;
    reuse.time = now;
    reuse.syncKind = t.syncKind;
    reuse.syncObj = t.syncObj;
    reuse.syncStep = t.syncStep;
    reuse.tag = tag;
    live.push(reuse);
  }

  private report(loc: Location, aSite: string, aWrite: boolean, a: Access, t: Thread, write: boolean, site: string, tag: number): void {
    const key = raceKey(loc.name.group, aSite, aWrite ? 'write' : 'read', site, write ? 'write' : 'read');
    const seen = this.byKey.get(key);
    if (seen !== undefined) {
      seen.count++;
      return;
    }
    const first: RaceSide = { task: a.thread.name, kind: aWrite ? 'write' : 'read', site: aSite, step: a.step, time: a.time, lastSync: a.syncKind === '' ? 'none' : `${a.syncKind} ${a.syncObj} at step ${a.syncStep}` };
    const second: RaceSide = { task: t.name, kind: write ? 'write' : 'read', site, step: this.host.steps, time: this.host.now, lastSync: t.describeSync() };
    const r: DataRace = { location: loc.name.describe(a.tag >= 0 ? a.tag : tag), group: loc.name.group, first, second, count: 1 };
    this.byKey.set(key, r);
    this.found.push(r);
  }
}
