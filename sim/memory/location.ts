/**
 * Tracked memory locations and their shadow state. A {@link LocationSet} is a group of
 * locations named together (the fields of one struct, one cell, one map); each location
 * is a list of recorded accesses in the run's {@link ShadowArena}, headed by an entry of
 * the set's `heads`. Like FastTrack (Flanagan & Freund, PLDI 2009) the common case is
 * O(1): a location keeps, per (site, kind), only accesses that are pairwise unordered (an
 * antichain, usually one). An access that happens after an earlier one of its own
 * (site, kind) replaces it: any later access unordered with the replaced one is unordered
 * with the replacement too, so no pair of sites is missed and none is reported falsely.
 * Unlike FastTrack (and TSan's bounded history) every racing pair of sites of the whole
 * run is found, not only the first race of a location.
 */

/** A group of tracked locations with one naming. */
export abstract class LocationSet {
  /** Per location: its first shadow entry, or -1. */
  readonly heads: number[];
  constructor(
    size: number,
    /** Go maps: an unordered conflicting pair is a fatal runtime error, not only a report. */
    readonly fatal = false,
  ) {
    this.heads = new Array<number>(size).fill(-1);
  }

  /** Location `i` as a report names it for an access with `tag`, e.g. `block 7.3 .next`. */
  abstract describe(i: number, tag: number): string;

  /** The dedupe group of location `i`: races on one field of two objects of a kind count once per pair of sites. */
  abstract group(i: number): string;
}

/** A set of one location named by a fixed string (cells, maps, kernel-internal locations). */
export class NamedLocation extends LocationSet {
  constructor(
    readonly name: string,
    fatal = false,
  ) {
    super(1, fatal);
  }

  describe(): string {
    return this.name;
  }

  group(): string {
    return this.name;
  }
}

const GROW = 1024;

/**
 * Every recorded access of a run, column by column in growable typed arrays (no object
 * per access): which site and kind, which thread at which epoch, where in the run, the
 * thread's last synchronisation, and the next entry of the same location.
 */
export class ShadowArena {
  site = new Int32Array(GROW);
  write = new Uint8Array(GROW);
  slot = new Int32Array(GROW);
  epoch = new Int32Array(GROW);
  step = new Int32Array(GROW);
  time = new Float64Array(GROW);
  /** The thread's last synchronisation: kind ('' when none), object and step. Plain arrays of shared strings: nothing to hash. */
  syncKind: string[] = [];
  syncObj: string[] = [];
  syncStep = new Int32Array(GROW);
  tag = new Int32Array(GROW);
  next = new Int32Array(GROW);
  private used = 0;
  /** Head of the list of freed entries (linked through {@link next}). */
  private freed = -1;

  /** A fresh entry. */
  alloc(): number {
    const f = this.freed;
    if (f !== -1) {
      this.freed = this.next[f] as number;
      return f;
    }
    if (this.used === this.site.length) this.grow();
    return this.used++;
  }

  /** Gives an entry back. */
  release(e: number): void {
    this.next[e] = this.freed;
    this.freed = e;
  }

  private grow(): void {
    const n = this.site.length * 2;
    const g = <A extends Int32Array | Uint8Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.site = g(this.site, (k) => new Int32Array(k));
    this.write = g(this.write, (k) => new Uint8Array(k));
    this.slot = g(this.slot, (k) => new Int32Array(k));
    this.epoch = g(this.epoch, (k) => new Int32Array(k));
    this.step = g(this.step, (k) => new Int32Array(k));
    this.time = g(this.time, (k) => new Float64Array(k));
    this.syncStep = g(this.syncStep, (k) => new Int32Array(k));
    this.tag = g(this.tag, (k) => new Int32Array(k));
    this.next = g(this.next, (k) => new Int32Array(k));
  }
}
