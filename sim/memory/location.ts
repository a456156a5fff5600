/**
 * One tracked memory location and its shadow state. Like FastTrack (Flanagan & Freund,
 * PLDI 2009) the common case is O(1): a location's accesses are grouped by (site, kind),
 * and each group keeps only the accesses that are pairwise unordered (an antichain of
 * epochs), usually one. An access that happens after an earlier one of its own group
 * replaces it: any later access unordered with the replaced one is unordered with the
 * replacement too, so no pair of sites can be missed, and none is reported falsely.
 * Unlike FastTrack (and TSan's bounded history) this finds every racing pair of sites
 * over the whole run, not only the first race of a location.
 */
import type { Micros } from '../time.ts';
import type { Thread } from '../race/thread.ts';

/** One recorded access (mutated in place when a later access of its group replaces it). */
export class Access {
  constructor(
    public thread: Thread,
    /** The thread's epoch at the access. */
    public epoch: number,
    public step: number,
    public time: Micros,
    /** The thread's last synchronisation at the access: kind, object and step (see {@link Thread.synced}). */
    public syncKind: string,
    public syncObj: string,
    public syncStep: number,
    /** The accessor's tag (a block generation), or -1. */
    public tag: number,
  ) {}
}

/** The accesses of one (site, kind) group on one location. */
export class SiteGroup {
  /** Pairwise unordered accesses of this group. */
  readonly live: Access[] = [];
  constructor(
    readonly site: string,
    readonly write: boolean,
  ) {}
}

/** Names a location for reports: `describe(tag)` (e.g. `block 7.3 .next`) and its group (`block .next`). */
export interface LocationName {
  /** The location as a report names it, given an access's tag. */
  describe(tag: number): string;
  /** The dedupe group: races on the same field of different objects count once per pair of sites. */
  readonly group: string;
}

/** A tracked location: a cell, a struct field, a map. */
export class Location {
  /** Groups seen so far, in first-access order. */
  readonly groups: SiteGroup[] = [];
  constructor(
    readonly name: LocationName,
    /** Go maps: an unordered conflicting pair is a fatal runtime error, not only a report. */
    readonly fatal = false,
  ) {}

  /** The group of (site, kind), created on first use. */
  group(site: string, write: boolean): SiteGroup {
    const gs = this.groups;
    for (let i = 0; i < gs.length; i++) {
      const g = gs[i] as SiteGroup;
      if (g.write === write && g.site === site) return g;
    }
    const g = new SiteGroup(site, write);
    gs.push(g);
    return g;
  }
}

/** A location named by a fixed string (cells, maps, kernel-internal locations). */
export function fixedName(name: string): LocationName {
  return { describe: () => name, group: name };
}
