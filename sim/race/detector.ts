/**
 * The access check: every tracked access is compared with the earlier accesses of its
 * location that are still of interest (see {@link LocationSet}: per (site, kind), the
 * pairwise unordered ones), using the accessing thread's vector clock. An earlier
 * conflicting access (at least one of the two a write) that the clock does not cover is a
 * data race, reported once per location group and pair of sites with both sides and the
 * last synchronisation each side did.
 */
import { ShadowArena, type LocationSet } from '../memory/location.ts';
import { raceKey, type DataRace, type RaceSide } from './report.ts';
import type { RaceHost } from './runtime.ts';
import type { Thread } from './thread.ts';

/** What {@link Detector.access} found. */
export const enum Raced {
  No = 0,
  /** Unordered with an earlier write, and this access writes too. */
  WriteWrite = 1,
  /** One of the two is a read. */
  ReadWrite = 2,
}

/** Shadow state and the races found in one run. */
export class Detector {
  /** Races found, one per location group and pair of sites, in detection order. */
  readonly found: DataRace[] = [];
  private readonly byKey = new Map<string, DataRace>();
  /** Every recorded access. */
  private readonly shadow = new ShadowArena();
  /** Thread names by slot (for reports). */
  private readonly names: string[] = [];
  /** Interned sites. */
  private readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(private readonly host: RaceHost) {}

  /** Names the thread of `slot` for reports. */
  named(slot: number, name: string): void {
    this.names[slot] = name;
  }

  /**
   * Checks and records an access of thread `t` (which has a slot) to location `i` of
   * `set` at `site`. Every earlier conflicting access not ordered before this one is a race
   * (reported once per location group and pair of sites). `tag` is the accessor's own
   * number for the report (a block generation), or -1. Earlier accesses of the same
   * (site, kind) that this one happens after are replaced by it.
   */
  access(set: LocationSet, i: number, write: boolean, site: string, tag: number, t: Thread): Raced {
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
    return raced;
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
