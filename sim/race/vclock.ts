/**
 * Persistent, copy-on-write chunked vector clocks. A clock maps a thread slot (a task, the
 * setup phase) to the last local time of that slot it knows of. With thousands of tasks
 * whose knowledge is dense (every worker hears of every other through one dispatcher), a
 * dense `Int32Array(n)` costs O(n) per join and copy; here a clock is a short array of
 * page refs, a page holds {@link CHUNKS_PER_PAGE} chunk refs, and a chunk holds
 * {@link CHUNK_SIZE} entries. Pages and chunks are shared between clocks: copying a clock
 * shares even its page-ref array until one side writes it, and writing one entry copies
 * only the page and chunk on its path.
 *
 * Ownership rule: a page or chunk may be written in place by clock `c` only when
 * `obj.owner === c.id && obj.gen === c.gen`. Freezing bumps `gen`, so everything `c`
 * shared with others becomes immutable for it at once, without touching the objects.
 *
 * Dominance shortcut: the page (chunk) a clock holds at one position only ever grows,
 * and a new one is made only to replace the current one. So of two pages (chunks) made
 * by the same clock for the same position, the later-made one (higher `serial`) is at
 * least the earlier one everywhere, and a join decides them without looking inside. In
 * the dispatcher pattern (a worker holding the dispatcher's latest pages meets a client holding older
 * copies of them) this makes a join cost about one comparison per page.
 */
import { fail } from '../assert.ts';

/** Entries per chunk (a power of two). */
export const CHUNK_SIZE = 16;
/** Chunks per page (a power of two). */
export const CHUNKS_PER_PAGE = 16;
const CHUNK_BITS = 4;
const PAGE_BITS = 8; // CHUNK_BITS + log2(CHUNKS_PER_PAGE)
const LOW = CHUNK_SIZE - 1;
const MID = CHUNKS_PER_PAGE - 1;

/** Creation order of pages and chunks (for the dominance shortcut) and ids of clocks. */
let serials = 0;
let clockIds = 0;

/** A run of {@link CHUNK_SIZE} entries. */
class Chunk {
  readonly serial = ++serials;
  constructor(
    /** The id of the clock allowed to write it (with {@link gen}). */
    readonly owner: number,
    readonly gen: number,
    /** The entries (small integers, so V8 keeps them unboxed). */
    readonly v: number[],
  ) {}
}

/** {@link CHUNKS_PER_PAGE} chunk refs (null: all zero). */
class Page {
  readonly serial = ++serials;
  constructor(
    readonly owner: number,
    readonly gen: number,
    readonly chunks: Array<Chunk | null>,
  ) {}
}

/** Counters of clock work, for the bench and tests (how much a join touched). */
export const clockStats = { pagesCompared: 0, chunksCompared: 0, pagesCopied: 0, chunksCopied: 0 };

/** Per-chunk join decisions. */
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
/** Per-chunk decisions of the join in progress (joins never nest). */
const decisions = new Uint8Array(CHUNKS_PER_PAGE);
/** Whether the join in progress took any of the other clock's pages or chunks (then it must freeze). */
let adopted = false;
const ZERO_CHUNK: readonly number[] = new Array<number>(CHUNK_SIZE).fill(0);

/** A vector clock: mutable by itself (copy-on-write), readable by anyone. */
export class VClock {
  /** Page refs; a missing or null page is all zero. */
  private pages: Array<Page | null>;
  /** Whether {@link pages} (the array itself) is this clock's alone to write. */
  private pagesOwned: boolean;
  /** Identity for ownership stamps (a number, so stamps retain no clock). */
  private id = ++clockIds;
  /** Bumped by {@link freeze}: pages and chunks stamped with an older gen are immutable for this clock. */
  gen = 0;

  private constructor(pages: Array<Page | null>, owned: boolean) {
    this.pages = pages;
    this.pagesOwned = owned;
  }

  /** The all-zero clock. */
  static zero(): VClock {
    return new VClock([], true);
  }

  /**
   * A copy of `c` that shares everything with it, even the page-ref array (copied by
   * whichever of the two writes it first): O(1). `c` is frozen, so neither clock can
   * change what the other sees.
   */
  static copyOf(c: VClock): VClock {
    c.gen++;
    c.pagesOwned = false;
    return new VClock(c.pages, false);
  }

  /** Makes everything this clock currently shares immutable for it (the next write copies). */
  freeze(): void {
    this.gen++;
  }

  /**
   * Forgets everything (a finished thread's clock is never read again), freeing what only
   * it held. It takes a new identity, so pages it makes afterwards are not mistaken for
   * later versions of its old ones.
   */
  clear(): void {
    this.id = ++clockIds;
    this.pages = [];
    this.pagesOwned = true;
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
        const yv = y === null || y === undefined ? ZERO_CHUNK : y.v;
        for (let k = 0; k < CHUNK_SIZE; k++) if ((x.v[k] as number) > (yv[k] as number)) return false;
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
    const bp = b.pages;
    let ap = this.pages;
    if (ap === bp) return;
    adopted = false;
    // Whether every page of the result is b's (then b's whole page array is shared).
    let allB = ap.length <= bp.length;
    for (let pi = 0; pi < bp.length; pi++) {
      const q = bp[pi] as Page | null;
      const p = pi < ap.length ? (ap[pi] as Page | null) : null;
      if (p === q) continue;
      if (q === null) {
        allB = false;
        continue;
      }
      if (p === null || (p.owner === q.owner && p.serial < q.serial)) {
        // Nothing here yet, or an earlier version of the same clock's page: b's dominates.
        ap = this.ownPages();
        while (ap.length <= pi) ap.push(null);
        ap[pi] = q;
        adopted = true;
        continue;
      }
      if (p.owner === q.owner) {
        allB = false; // a later version of the same clock's page: ours dominates
        continue;
      }
      this.joinPage(pi, p, q);
      ap = this.pages;
      if (ap[pi] !== q) allB = false;
    }
    if (allB) {
      // The result equals b: share its page-ref array until one of the two writes it.
      let tail = true;
      for (let pi = bp.length; pi < ap.length; pi++) if (ap[pi] !== null) tail = false;
      if (tail) {
        b.pagesOwned = false;
        this.pages = bp;
        this.pagesOwned = false;
        adopted = true;
      }
    }
    // b must not write in place what this clock now shares with it.
    if (adopted) b.gen++;
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
      else if (x.owner === y.owner) d = y.serial < x.serial ? Take.Keep : Take.Adopt;
      else d = compare(x.v, y.v);
      decisions[ci] = d;
      if (d === Take.Keep || d === Take.Merge) allAdopt = false;
      if (d === Take.Adopt || d === Take.Merge) anyChange = true;
    }
    if (allAdopt) {
      this.ownPages()[pi] = q;
      adopted = true;
      return;
    }
    if (!anyChange) return;
    const mp = this.mutablePage(pi);
    for (let ci = 0; ci < CHUNKS_PER_PAGE; ci++) {
      const d = decisions[ci] as Take;
      if (d === Take.Keep || d === Take.Equal) continue;
      const y = q.chunks[ci] as Chunk;
      if (d === Take.Adopt) {
        const x = mp.chunks[ci] as Chunk | null;
        if (x !== null && x.owner === this.id && x.gen === this.gen) {
          // Ours is writable: copy b's values in rather than share b's chunk (b need not freeze).
          const xv = x.v;
          const yv = y.v;
          for (let k = 0; k < CHUNK_SIZE; k++) xv[k] = yv[k] as number;
        } else {
          mp.chunks[ci] = y;
          adopted = true;
        }
        continue;
      }
      const m = this.mutableChunk(mp, ci).v;
      const yv = y.v;
      for (let k = 0; k < CHUNK_SIZE; k++) if ((yv[k] as number) > (m[k] as number)) m[k] = yv[k] as number;
    }
  }

  /** The page-ref array, copied first if it is shared. */
  private ownPages(): Array<Page | null> {
    if (!this.pagesOwned) {
      this.pages = this.pages.slice();
      this.pagesOwned = true;
    }
    return this.pages;
  }

  private mutablePage(pi: number): Page {
    let ap = this.pages;
    const p = pi < ap.length ? (ap[pi] as Page | null) : null;
    if (p !== null && p.owner === this.id && p.gen === this.gen) return p;
    clockStats.pagesCopied++;
    const np = new Page(this.id, this.gen, p === null ? new Array<Chunk | null>(CHUNKS_PER_PAGE).fill(null) : p.chunks.slice());
    ap = this.ownPages();
    while (ap.length <= pi) ap.push(null);
    ap[pi] = np;
    return np;
  }

  private mutableChunk(p: Page, ci: number): Chunk {
    const ch = p.chunks[ci] as Chunk | null;
    if (ch !== null && ch.owner === this.id && ch.gen === this.gen) return ch;
    clockStats.chunksCopied++;
    const nc = new Chunk(this.id, this.gen, ch === null ? ZERO_CHUNK.slice() : ch.v.slice());
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
function compare(a: readonly number[], b: readonly number[]): Take {
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
