/**
 * The GoKer helpers for Go memory the kernel has no type for: a field mixing atomic and
 * plain accesses races only where Go's race runtime says so, and `sync.Map` orders a
 * `Store` before the `Range` that sees it.
 */
import { describe, expect, it } from 'vitest';
import { RandomWalk, Shared, simulate, type Sim } from '../../sim/index.ts';
import { AtomicField } from './atomic-field.ts';
import { SyncMap } from './sync-map.ts';

const races = (program: (sim: Sim) => void, seeds = 20): string[][] =>
  Array.from({ length: seeds }, (_, seed) => simulate({ strategy: new RandomWalk(seed) }, program).races.map((r) => r.location));

describe('AtomicField', () => {
  it('atomic adds from two goroutines never race with each other, and an atomic load after them orders nothing falsely', () => {
    const r = races((sim) => {
      const f = new AtomicField(sim, 0, 'n');
      for (const name of ['a', 'b']) {
        sim.spawn(name, function* () {
          yield* f.atomicAdd(1, `${name}: add`);
          yield* f.atomicLoad();
        });
      }
    });
    expect(r.flat()).toEqual([]);
  });

  it('a plain read unordered with another goroutine\'s atomic add is a race; after an atomic load that saw the add, it is not', () => {
    const program = (loadFirst: boolean) => (sim: Sim) => {
      const f = new AtomicField(sim, 0, 'n');
      sim.spawn('adder', function* () {
        yield* f.atomicAdd(1, 'adder: add');
      });
      sim.spawn('reader', function* () {
        if (loadFirst && (yield* f.atomicLoad()) === 0) return;
        f.load('reader: plain read');
      });
    };
    expect(races(program(false)).some((x) => x.includes('n'))).toBe(true);
    expect(races(program(true)).flat()).toEqual([]);
  });
});

describe('SyncMap', () => {
  it('a Store happens before the Range that sees the entry', () => {
    const r = races((sim) => {
      const m = new SyncMap<number, number>(sim, 'm');
      const x = new Shared(sim, 0, 'x');
      sim.spawn('storer', function* () {
        x.store(1, 'storer: write x');
        yield* m.store(1, 1);
      });
      sim.spawn('ranger', function* () {
        yield* m.range(function* () {
          x.load('ranger: read x');
          return true;
        });
      });
    });
    expect(r.flat()).toEqual([]);
  });

  it('a Load returns what was stored, and absent keys are undefined', () => {
    const got: Array<number | undefined> = [];
    simulate({ strategy: new RandomWalk(0) }, (sim) => {
      const m = new SyncMap<string, number>(sim, 'm');
      sim.spawn('t', function* () {
        got.push(yield* m.load('k'));
        yield* m.store('k', 7);
        got.push(yield* m.load('k'));
      });
    });
    expect(got).toEqual([undefined, 7]);
  });
});
