/**
 * Analytical counts of Mazurkiewicz classes, which DPOR must meet exactly (one run per
 * class, none sleep-set blocked where the literature's examples need none), checked
 * against plain DFS's own grouping.
 */
import { describe, expect, it } from 'vitest';
import { explore, gosched, Shared, simulate, type Sim, type Strategy } from '../index.ts';

function count(setup: (sim: Sim) => unknown, reduction: 'none' | 'dpor') {
  return explore((s: Strategy) => simulate({ strategy: s }, setup), () => false, { reduction, countClasses: true, maxSchedules: 200_000 });
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
});
