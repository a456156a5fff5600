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
import { ShadowArena, type LocationSet } from '../memory/location.ts';
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
  /** The thread of the timer firing now (reused across fires). */
  private kernel: Thread | null = null;
  /** Every recorded access. */
  private readonly shadow = new ShadowArena();
  /** Thread names by slot (for reports). */
  private readonly names: string[] = ['setup'];
  /** Interned sites. */
  private readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
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
    this.names[child.slot] = name;
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
   * Checks and records an access of the current thread to location `i` of `set` at
   * `site`. Every earlier conflicting access not ordered before this one is a race
   * (reported once per location group and pair of sites). `tag` is the accessor's own
   * number for the report (a block generation), or -1.
   */
  access(set: LocationSet, i: number, write: boolean, site: string, tag = -1): Raced {
    if (this.over) return Raced.No;
    const t = this.need();
    if (t.slot < 0) this.giveSlot(t); // a firing timer that touches memory gets an entry of its own
    const epoch = t.now();
    const c = t.clock;
    const sh = this.shadow;
    const sid = this.intern(site);
    const w = write ? 1 : 0;
    let raced = Raced.No;
    let prev = -1;
    let reuse = -1;
    const heads = set.heads;
    for (let e = heads[i] as number; e !== -1; ) {
      const nx = sh.next[e] as number;
      const es = sh.slot[e] as number;
      const ordered = es === t.slot || (sh.epoch[e] as number) <= c.get(es);
      if (!ordered && (write || sh.write[e] === 1)) {
        this.report(set, i, e, t, write, sid, tag);
        raced = write && sh.write[e] === 1 ? Raced.WriteWrite : raced === Raced.No ? Raced.ReadWrite : raced;
      }
      if (ordered && sh.site[e] === sid && sh.write[e] === w) {
        // An access of this (site, kind) that happens before this one: replaced by it.
        if (prev === -1) heads[i] = nx;
        else sh.next[prev] = nx;
        if (reuse === -1) reuse = e;
        else sh.release(e);
      } else prev = e;
      e = nx;
    }
    const n = reuse === -1 ? sh.alloc() : reuse;
    sh.site[n] = sid;
    sh.write[n] = w;
    sh.slot[n] = t.slot;
    sh.epoch[n] = epoch;
    sh.step[n] = this.host.steps;
    sh.time[n] = this.host.now;
    sh.syncKind[n] = t.syncKind;
    sh.syncObj[n] = t.syncObj;
    sh.syncStep[n] = t.syncStep;
    sh.tag[n] = tag;
    sh.next[n] = heads[i] as number;
    heads[i] = n;
    if (this.log !== null) this.log.push({ k: 'access', t: t.slot, loc: this.log.id(set) * 4096 + i, group: set.group(i), write, site });
    return raced;
  }

  private giveSlot(t: Thread): void {
    t.slot = this.nextSlot++;
    this.names[t.slot] = t.name;
  }

  /** A dense id for a site. */
  private intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  private report(set: LocationSet, i: number, e: number, t: Thread, write: boolean, sid: number, tag: number): void {
    const sh = this.shadow;
    const aWrite = sh.write[e] === 1;
    const aSite = this.strings[sh.site[e] as number] as string;
    const site = this.strings[sid] as string;
    const group = set.group(i);
    const key = raceKey(group, aSite, aWrite ? 'write' : 'read', site, write ? 'write' : 'read');
    const seen = this.byKey.get(key);
    if (seen !== undefined) {
      seen.count++;
      return;
    }
    const aKind = sh.syncKind[e] as string;
    const first: RaceSide = {
      task: this.names[sh.slot[e] as number] ?? `thread ${sh.slot[e]}`,
      kind: aWrite ? 'write' : 'read',
      site: aSite,
      step: sh.step[e] as number,
      time: sh.time[e] as number,
      lastSync: aKind === '' ? 'none' : `${aKind} ${sh.syncObj[e]} at step ${sh.syncStep[e]}`,
    };
    const second: RaceSide = { task: t.name, kind: write ? 'write' : 'read', site, step: this.host.steps, time: this.host.now, lastSync: t.describeSync() };
    const aTag = sh.tag[e] as number;
    const r: DataRace = { location: set.describe(i, aTag >= 0 ? aTag : tag), group, first, second, count: 1 };
    this.byKey.set(key, r);
    this.found.push(r);
  }
}
