/**
 * Persistent, copy-on-write chunked vector clocks. A clock maps a thread slot (a task, the
 * setup phase) to the last local time of that slot it knows of. With thousands of tasks
 * whose knowledge is dense (every agent hears of every other through the Run loop), a
 * dense `Int32Array(n)` costs O(n) per join and copy; here a clock is a short array of
 * page refs, a page holds {@link CHUNKS_PER_PAGE} chunk refs, and a chunk is an
 * `Int32Array` of {@link CHUNK_SIZE} entries. Pages and chunks are shared between clocks:
 * copying a clock copies only its page-ref array, and writing one entry copies only the
 * page and chunk on its path.
 *
 * Ownership rule: a page or chunk may be written in place by clock `c` only when
 * `obj.owner === c && obj.gen === c.gen`. {@link freeze} bumps `gen`, so everything `c`
 * shared with others becomes immutable for it at once, without touching the objects.
 */
import { fail } from '../assert.ts';

/** Entries per chunk (a power of two). */
export const CHUNK_SIZE = 32;
/** Chunks per page (a power of two). */
export const CHUNKS_PER_PAGE = 32;
const CHUNK_BITS = 5;
const PAGE_BITS = 10; // CHUNK_BITS + log2(CHUNKS_PER_PAGE)
const LOW = CHUNK_SIZE - 1;
const MID = CHUNKS_PER_PAGE - 1;

/** A run of {@link CHUNK_SIZE} entries. */
class Chunk {
  constructor(
    /** The clock allowed to write it (with {@link gen}). */
    readonly owner: VClock,
    readonly gen: number,
    readonly v: Int32Array,
  ) {}
}

/** {@link CHUNKS_PER_PAGE} chunk refs (null: all zero). */
class Page {
  constructor(
    readonly owner: VClock,
    readonly gen: number,
    readonly chunks: Array<Chunk | null>,
  ) {}
}

/** Counters of clock work, for the bench and tests (how much a join touched). */
export const clockStats = { pagesCompared: 0, chunksCompared: 0, pagesCopied: 0, chunksCopied: 0 };

/** Per-chunk join decisions, reused (joins never nest). */
const enum Take {
  /** Keep a's chunk (it dominates or b has none). */
  Keep = 0,
  /** Adopt b's chunk (it dominates or a has none). */
  Adopt = 1,
  /** Elementwise max into a mutable chunk. */
  Merge = 2,
  /** Equal contents: nothing to do, but adopting b's whole page would be fine. */
  Equal = 3,
}
const decisions = new Uint8Array(CHUNKS_PER_PAGE);

/** A vector clock: mutable by itself (copy-on-write), readable by anyone. */
export class VClock {
  /** Page refs; a missing or null page is all zero. */
  private pages: Array<Page | null>;
  /** Bumped by {@link freeze}: pages and chunks stamped with an older gen are immutable for this clock. */
  gen = 0;

  private constructor(pages: Array<Page | null>) {
    this.pages = pages;
  }

  /** The all-zero clock. */
  static zero(): VClock {
    return new VClock([]);
  }

  /**
   * A copy of `c` that shares all its pages: O(number of pages). `c` is frozen, so neither
   * clock can change what the other sees.
   */
  static copyOf(c: VClock): VClock {
    c.gen++;
    return new VClock(c.pages.slice());
  }

  /** Makes everything this clock currently shares immutable for it (the next write copies). */
  freeze(): void {
    this.gen++;
  }

  /** The entry of slot `i`. */
  get(i: number): number {
    const p = this.pages[i >>> PAGE_BITS];
    if (p === undefined || p === null) return 0;
    const ch = p.chunks[(i >>> CHUNK_BITS) & MID];
    return ch === null || ch === undefined ? 0 : (ch.v[i & LOW] as number);
  }

  /** Sets the entry of slot `i` (entries only grow; a decrease is a kernel bug). */
  set(i: number, value: number): void {
    const ch = this.mutableChunk(this.mutablePage(i >>> PAGE_BITS), (i >>> CHUNK_BITS) & MID);
    if ((ch.v[i & LOW] as number) > value) fail(`vector clock entry ${i} would go back from ${ch.v[i & LOW]} to ${value}`);
    ch.v[i & LOW] = value;
  }

  /** Adds one to the entry of slot `i` and returns the new value. */
  tick(i: number): number {
    const ch = this.mutableChunk(this.mutablePage(i >>> PAGE_BITS), (i >>> CHUNK_BITS) & MID);
    const v = (ch.v[i & LOW] as number) + 1;
    ch.v[i & LOW] = v;
    return v;
  }

  /** Whether every entry of this clock is at most `b`'s. */
  leq(b: VClock): boolean {
    const ap = this.pages;
    for (let pi = 0; pi < ap.length; pi++) {
      const p = ap[pi];
      if (p === null || p === undefined) continue;
      const q = b.pages[pi];
      if (p === q) continue;
      for (let ci = 0; ci < CHUNKS_PER_PAGE; ci++) {
        const x = p.chunks[ci];
        if (x === null || x === undefined) continue;
        const y = q === null || q === undefined ? null : q.chunks[ci];
        if (x === y) continue;
        const yv = y === null || y === undefined ? null : y.v;
        for (let k = 0; k < CHUNK_SIZE; k++) if ((x.v[k] as number) > (yv === null ? 0 : (yv[k] as number))) return false;
      }
    }
    return true;
  }

  /**
   * `this ⊔= b` (elementwise max). Pages and chunks whose refs are identical are skipped;
   * where `b`'s page or chunk dominates, its ref is adopted, so sharing re-forms. `b` is
   * frozen first (its refs may now be shared).
   */
  join(b: VClock): void {
    if (b === this) fail('a vector clock joined with itself');
    b.gen++;
    const bp = b.pages;
    const ap = this.pages;
    while (ap.length < bp.length) ap.push(null);
    for (let pi = 0; pi < bp.length; pi++) {
      const q = bp[pi];
      if (q === null || q === undefined) continue;
      const p = ap[pi] as Page | null;
      if (p === q) continue;
      if (p === null) {
        ap[pi] = q;
        continue;
      }
      this.joinPage(pi, p, q);
    }
  }

  private joinPage(pi: number, p: Page, q: Page): void {
    clockStats.pagesCompared++;
    let allAdopt = true;
    let anyChange = false;
    for (let ci = 0; ci < CHUNKS_PER_PAGE; ci++) {
      const x = p.chunks[ci] as Chunk | null;
      const y = q.chunks[ci] as Chunk | null;
      let d: Take;
      if (x === y) d = Take.Equal;
      else if (y === null) d = Take.Keep;
      else if (x === null) d = Take.Adopt;
      else d = compare(x.v, y.v);
      decisions[ci] = d;
      if (d === Take.Keep || d === Take.Merge) allAdopt = false;
      if (d === Take.Adopt || d === Take.Merge) anyChange = true;
    }
    if (allAdopt) {
      this.pages[pi] = q;
      return;
    }
    if (!anyChange) return;
    const mp = this.mutablePage(pi);
    for (let ci = 0; ci < CHUNKS_PER_PAGE; ci++) {
      const d = decisions[ci] as Take;
      if (d === Take.Keep || d === Take.Equal) continue;
      const y = q.chunks[ci] as Chunk;
      if (d === Take.Adopt) {
        mp.chunks[ci] = y;
        continue;
      }
      const m = this.mutableChunk(mp, ci).v;
      const yv = y.v;
      for (let k = 0; k < CHUNK_SIZE; k++) if ((yv[k] as number) > (m[k] as number)) m[k] = yv[k] as number;
    }
  }

  private mutablePage(pi: number): Page {
    const ap = this.pages;
    while (ap.length <= pi) ap.push(null);
    const p = ap[pi] as Page | null;
    if (p !== null && p.owner === this && p.gen === this.gen) return p;
    clockStats.pagesCopied++;
    const np = new Page(this, this.gen, p === null ? new Array<Chunk | null>(CHUNKS_PER_PAGE).fill(null) : p.chunks.slice());
    ap[pi] = np;
    return np;
  }

  private mutableChunk(p: Page, ci: number): Chunk {
    const ch = p.chunks[ci] as Chunk | null;
    if (ch !== null && ch.owner === this && ch.gen === this.gen) return ch;
    clockStats.chunksCopied++;
    const nc = new Chunk(this, this.gen, ch === null ? new Int32Array(CHUNK_SIZE) : ch.v.slice());
    p.chunks[ci] = nc;
    return nc;
  }

  /** The non-zero entries as `[slot, value]` pairs (tests and reports; not for hot paths). */
  entries(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    this.pages.forEach((p, pi) => {
      p?.chunks.forEach((ch, ci) => {
        ch?.v.forEach((v, k) => {
          if (v !== 0) out.push([(pi << PAGE_BITS) | (ci << CHUNK_BITS) | k, v]);
        });
      });
    });
    return out;
  }
}

/** Which of two chunks to keep: b's when it dominates, a's when a dominates, neither when equal, else a merge. */
function compare(a: Int32Array, b: Int32Array): Take {
  clockStats.chunksCompared++;
  let aGe = true;
  let bGe = true;
  for (let k = 0; k < CHUNK_SIZE; k++) {
    const x = a[k] as number;
    const y = b[k] as number;
    if (x < y) {
      aGe = false;
      if (!bGe) return Take.Merge;
    } else if (x > y) {
      bGe = false;
      if (!aGe) return Take.Merge;
    }
  }
  return aGe ? (bGe ? Take.Equal : Take.Keep) : Take.Adopt;
}
