/**
 * Analytical counts of Mazurkiewicz classes, which DPOR must meet exactly (one run per
 * class, none sleep-set blocked where the literature's examples need none), checked
 * against plain DFS's own grouping.
 */
import { describe, expect, it } from 'vitest';
import { AtomicInt, explore, gosched, Shared, simulate, type Sim, type Strategy } from '../index.ts';
import { build, type Program } from './oracle-programs.test-util.ts';

function count(setup: (sim: Sim) => unknown, reduction: 'none' | 'dpor', preemptionBound = Number.POSITIVE_INFINITY) {
  return explore((s: Strategy) => simulate({ strategy: s }, setup), () => false, { reduction, countClasses: true, maxSchedules: 200_000, preemptionBound });
}

/** N tasks, each touching only its own cell, a few steps each. */
function disjoint(n: number, steps: number): (sim: Sim) => void {
  return (sim) => {
    for (let t = 0; t < n; t++) {
      const c = new Shared(sim, 0, `x${t}`);
      sim.spawn(`t${t}`, function* () {
        for (let i = 0; i < steps; i++) {
          c.store(i, `t${t} store`);
          yield* gosched();
        }
      });
    }
  };
}

/** One writer and N readers of one cell. */
function writerReaders(n: number): (sim: Sim) => void {
  return (sim) => {
    const c = new Shared(sim, 0, 'x');
    sim.spawn('w', function* () {
      yield* gosched();
      c.store(1, 'w');
    });
    for (let r = 0; r < n; r++)
      sim.spawn(`r${r}`, function* () {
        yield* gosched();
        c.load(`r${r}`);
      });
  };
}

/**
 * "lastzero" (Abdulla et al. 2014): array a[0..n] = 0; thread 0 scans down for the last
 * zero; thread j (1..n) sets a[j] = a[j-1] + 1.
 */
function lastzero(n: number): (sim: Sim) => void {
  return (sim) => {
    const a = Array.from({ length: n + 1 }, (_, i) => new Shared(sim, 0, `a${i}`));
    sim.spawn('scan', function* () {
      for (let i = n; i >= 0; i--) {
        yield* gosched();
        if ((a[i] as Shared<number>).load('scan') === 0) break;
      }
    });
    for (let j = 1; j <= n; j++)
      sim.spawn(`set${j}`, function* () {
        yield* gosched();
        const v = (a[j - 1] as Shared<number>).load(`set${j} read`);
        yield* gosched();
        (a[j] as Shared<number>).store(v + 1, `set${j} write`);
      });
  };
}

/** The shape of one {@link indexer} program. */
interface IndexerShape {
  readonly threads: number;
  /** Messages each thread inserts (the literature's MAXMSG). */
  readonly messages: number;
  /** Cells of the table; at least threads * messages, or probing never ends. */
  readonly size: number;
  /** Home cell of message `w`. */
  readonly hash: (w: number) => number;
}

/** The literature's indexer: a table of 128 cells, 4 messages per thread, hash(w) = (w * 7) % 128. */
const LITERATURE = { messages: 4, size: 128, hash: (w: number) => (w * 7) % 128 } as const;

/**
 * "indexer" (Flanagan and Godefroid, "Dynamic partial-order reduction for model checking
 * software", POPL 2005; also Abdulla et al. 2014): thread t inserts its messages
 * w = m * 11 + t (m = 1..messages, as the benchmark's getmsg() numbers them; never 0, the
 * empty cell) into a shared hash table by open addressing,
 * `h = hash(w); while (!cas(&table[h], 0, w)) h = (h + 1) % size`.
 * The CAS is the kernel's `AtomicInt.compareAndSwap` (Go's sync/atomic): one scheduling
 * point and one indivisible step, which the dependency log records as a write of its cell
 * whether it swaps or fails (`Shared` has no compare-and-swap; a load and a store in one
 * step would be a data race to the race detector). With the literature's hash, messages
 * collide only from 12 threads on, so for fewer every thread's accesses are disjoint: one class.
 */
function indexer({ threads, messages, size, hash }: IndexerShape): (sim: Sim) => void {
  return (sim) => {
    const table = Array.from({ length: size }, (_, i) => new AtomicInt(0, `table[${i}]`));
    for (let t = 0; t < threads; t++)
      sim.spawn(`t${t}`, function* () {
        for (let m = 1; m <= messages; m++) {
          const w = m * 11 + t;
          let h = hash(w);
          while (!(yield* (table[h] as AtomicInt).compareAndSwap(0, w))) h = (h + 1) % size;
        }
      });
  };
}

describe('class counts', () => {
  for (const n of [2, 3, 4]) {
    it(`${n} tasks on disjoint cells: 1 class, 1 schedule under DPOR`, () => {
      const d = count(disjoint(n, 2), 'dpor');
      expect(d).toMatchObject({ exhausted: true, classes: 1, schedules: 1, redundant: 0 });
      if (n <= 3) expect(count(disjoint(n, 2), 'none').classes).toBe(1);
    });
  }

  for (const n of [1, 2, 3, 4, 5]) {
    it(`1 writer and ${n} readers of one cell: 2^${n} = ${2 ** n} classes, one run each`, () => {
      const d = count(writerReaders(n), 'dpor');
      expect(d).toMatchObject({ exhausted: true, classes: 2 ** n, schedules: 2 ** n, redundant: 0 });
      if (n <= 3) expect(count(writerReaders(n), 'none').classes).toBe(2 ** n);
    });
  }

  for (const n of [2]) {
    it(`lastzero(${n}): DPOR's classes are plain DFS's`, () => {
      const all = count(lastzero(n), 'none');
      const d = count(lastzero(n), 'dpor');
      expect(all.exhausted && d.exhausted).toBe(true);
      expect(new Set(d.signatures)).toEqual(new Set(all.signatures));
      expect(d.classes).toBe(all.classes);
      expect(d.schedules).toBeLessThan(all.schedules);
    });
  }

  it('lastzero(4) under DPOR: every class once, a small fraction of plain DFS', () => {
    const d = count(lastzero(4), 'dpor');
    expect(d.exhausted).toBe(true);
    expect(new Set(d.signatures).size).toBe(d.classes);
    expect(d.schedules).toBeLessThan(2_000);
  });

  // Plain DFS of the literature's indexer has (5n)!/(5!)^n schedules (each thread: its first step and 4 CASes):
  // 252 for n = 2, 756,756 for n = 3, so from 3 on it runs under a preemption bound (every run is of the one class anyway).
  const dfsBoundForIndexer = new Map([[2, Number.POSITIVE_INFINITY], [3, 2], [4, 1]]);
  for (const [n, bound] of dfsBoundForIndexer) {
    it(`indexer(${n}) with the literature's hash: no collisions, 1 class, 1 schedule under DPOR`, () => {
      const program = indexer({ threads: n, ...LITERATURE });
      const d = count(program, 'dpor');
      expect(d).toMatchObject({ exhausted: true, classes: 1, schedules: 1, redundant: 0 });
      const all = count(program, 'none', bound);
      expect(all.exhausted).toBe(true);
      expect(all.classes).toBe(1);
      expect(new Set(all.signatures)).toEqual(new Set(d.signatures));
    });
  }

  // Deliberate collisions, in a table of 4 with fewer messages than the literature's 4 a thread: a table of 128
  // under hash(w) = w % 2 with 4 messages has 43,876 classes for 2 threads already, beyond plain DFS in a test.
  // Every message hashing to cell 0, one per thread: cell k is CASed by the n - k threads that lost on cells
  // 0..k-1, in any order, so n! * (n-1)! * ... * 1! classes. Under w % 2 with one message each, 11 (t0) and
  // 13 (t2) race for cell 1 and 12 (t1) has cell 0 alone: 2 classes.
  const collidingIndexers: ReadonlyArray<readonly [string, IndexerShape, number | null]> = [
    ['every message hashed to cell 0, 2 threads', { threads: 2, messages: 1, size: 4, hash: () => 0 }, 2],
    ['every message hashed to cell 0, 3 threads', { threads: 3, messages: 1, size: 4, hash: () => 0 }, 12],
    ['hash(w) = w % 2, 2 threads of 2 messages', { threads: 2, messages: 2, size: 4, hash: (w) => w % 2 }, null],
    ['hash(w) = w % 2, 3 threads of 1 message', { threads: 3, messages: 1, size: 4, hash: (w) => w % 2 }, 2],
  ];
  for (const [what, shape, expected] of collidingIndexers) {
    it(`indexer with collisions (${what}): DPOR's classes are plain DFS's, each run once`, () => {
      const all = count(indexer(shape), 'none');
      const d = count(indexer(shape), 'dpor');
      expect(all.exhausted && d.exhausted).toBe(true);
      expect(new Set(d.signatures)).toEqual(new Set(all.signatures));
      expect(d.classes).toBe(all.classes);
      expect(d.classes).toBe(d.schedules - d.redundant);
      expect(d.classes).toBeGreaterThan(1);
      if (expected !== null) expect(d.classes).toBe(expected);
    });
  }

  // A receiver parked on a channel that then writes cell 1, a writer of that cell and the
  // sender that wakes the receiver: the send and the receiver's next step conflict only
  // through the wake (the step cannot come first), so reversing them is no race. Taken for
  // one, it started a run with the writer, which, the sender asleep and nothing else to run,
  // ended sleep-set blocked.
  it('a wake is not a race to reverse: receiver, writer, sender: plain DFS\'s classes, no redundant run', () => {
    const p: Program = [[{ k: 'recv', ch: 1 }], [{ k: 'store', cell: 1 }, { k: 'store', cell: 1 }], [{ k: 'send', ch: 1 }]];
    const all = count(build(p), 'none');
    const d = count(build(p), 'dpor');
    expect(all.exhausted && d.exhausted).toBe(true);
    expect(new Set(d.signatures)).toEqual(new Set(all.signatures));
    expect(d).toMatchObject({ classes: 4, redundant: 0 });
  });

  // Two senders on a buffered channel, a poller, a reader of a cell and a task that only
  // yields: a reversal whose initial is asleep (its step was explored from an equivalent
  // state, with every continuation) is explored already; added anyway, its runs end
  // sleep-set blocked.
  it('a reversal whose initial is asleep is not explored again: plain DFS\'s classes, no redundant run', () => {
    const p: Program = [[{ k: 'send', ch: 0 }], [{ k: 'load', cell: 0 }], [{ k: 'send', ch: 0 }, { k: 'poll' }], [{ k: 'yield' }]];
    const all = count(build(p), 'none');
    const d = count(build(p), 'dpor');
    expect(all.exhausted && d.exhausted).toBe(true);
    expect(new Set(d.signatures)).toEqual(new Set(all.signatures));
    expect(d).toMatchObject({ classes: 5, redundant: 0 });
  });
});
