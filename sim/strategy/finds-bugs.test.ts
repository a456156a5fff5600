/**
 * Every strategy can fail: each finds the planted lost update (Go analogue: the race
 * `go test -race` reports on `x = x + 1` from two goroutines).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListChooser, Pct, RandomWalk, Replay, simulate } from '../index.ts';
import { lost, lostUpdate } from './race-program.test-util.ts';

describe('strategies find the planted lost update', () => {
  it('random walk finds it for some seed in 0..99', () => {
    const seeds = Array.from({ length: 100 }, (_, s) => s).filter((s) => lost(simulate({ strategy: new RandomWalk(s) }, lostUpdate)));
    expect(seeds.length).toBeGreaterThan(0);
  });

  it('PCT with d = 2 finds it at least as often as its guarantee 1/(n·k^(d−1)) promises', () => {
    const n = 2; // tasks
    const k = 4; // steps: each task is resumed twice
    const d = 2;
    const runs = 500;
    let found = 0;
    for (let seed = 0; seed < runs; seed++) {
      if (lost(simulate({ strategy: new Pct(seed, { depth: d, steps: k }) }, lostUpdate))) found++;
    }
    expect(found / runs).toBeGreaterThanOrEqual(1 / (n * k ** (d - 1)));
  });

  it('PCT with d = 1 (no change point) never preempts, so it never finds this depth-2 bug', () => {
    for (let seed = 0; seed < 100; seed++) expect(lost(simulate({ strategy: new Pct(seed, { depth: 1, steps: 4 }) }, lostUpdate))).toBe(false);
  });

  it('replay of a failing run fails again, with the same trace hash', () => {
    const seed = Array.from({ length: 100 }, (_, s) => s).find((s) => lost(simulate({ strategy: new RandomWalk(s) }, lostUpdate))) as number;
    const first = simulate({ strategy: new RandomWalk(seed) }, lostUpdate);
    const again = simulate({ strategy: new Replay(first.decisions.toArray()) }, lostUpdate);
    expect(lost(again)).toBe(true);
    expect(again.traceHash).toBe(first.traceHash);
  });

  it('ListChooser under fast-check finds the bug and shrinks the schedule to [1] (B reads first, then A preempts it)', () => {
    const prop = fc.property(fc.array(fc.nat()), (list) => !lost(simulate({ strategy: new ListChooser(list) }, lostUpdate)));
    const details = fc.check(prop, { seed: 42, numRuns: 200 });
    expect(details.failed).toBe(true);
    expect(details.counterexample).toEqual([[1]]);
    expect(() => fc.assert(prop, { seed: 42, numRuns: 200 })).toThrow(/Counterexample: \[\[1\]\]/);
  });
});
