/**
 * Exhaustive DFS against combinatorics. Go analogue: every interleaving the Go scheduler
 * could produce for goroutines whose only sync points are runtime.Gosched().
 */
import { describe, expect, it } from 'vitest';
import { explore, gosched, simulate, type Strategy } from '../index.ts';
import { independent, lost, lostUpdate } from './race-program.test-util.ts';

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

const cases: Array<[number, number]> = [[1, 1], [2, 1], [2, 2], [3, 2], [3, 3], [4, 3], [5, 4]];

describe('explore (exhaustive DFS)', () => {
  for (const [a, b] of cases) {
    it(`two independent tasks of ${a} and ${b} steps: C(${a + b},${a}) = ${binom(a + b, a)} schedules, 2 at preemption bound 0, ${a + b} at bound 1`, () => {
      const run = (s: Strategy) => simulate({ strategy: s }, independent(a, b));
      const none = explore(run, () => false);
      expect(none).toMatchObject({ schedules: binom(a + b, a), exhausted: true, failures: [] });
      // Bound 0: the first pick is free, then each task runs to completion: AB or BA.
      expect(explore(run, () => false, { preemptionBound: 0 })).toMatchObject({ schedules: 2, exhausted: true });
      // Bound 1: 2 words with no preemption + (a−1) of the form A^i B^b A^(a−i) + (b−1) mirrored = a + b.
      expect(explore(run, () => false, { preemptionBound: 1 })).toMatchObject({ schedules: a + b, exhausted: true });
    });
  }

  it('every explored schedule is distinct (traces differ)', () => {
    const hashes = new Set<string>();
    explore((s) => simulate({ strategy: s }, independent(3, 3)), (r) => (hashes.add(r.traceHash), false));
    expect(hashes.size).toBe(binom(6, 3));
  });

  it('maxSchedules smaller than the space reports exhausted=false', () => {
    const r = explore((s) => simulate({ strategy: s }, independent(3, 3)), () => false, { maxSchedules: 5 });
    expect(r).toMatchObject({ schedules: 5, exhausted: false });
  });

  it('finds the lost update (a planted bug) and the failing run replays from its decisions', () => {
    const r = explore((s) => simulate({ strategy: s }, lostUpdate), lost);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]?.result.state.counter).toBe(1);
    const all = explore((s) => simulate({ strategy: s }, lostUpdate), lost, { stopAtFirstFailure: false });
    // 4 steps, C(4,2) = 6 interleavings; only AABB and BBAA keep both increments.
    expect(all).toMatchObject({ schedules: 6, exhausted: true });
    expect(all.failures).toHaveLength(4);
  });
});

describe('explore with time slips', () => {
  // One task takes three scheduling points while a 1 ms timer is pending; a time slip
  // fires the timer before the task is done. Go analogue: a goroutine slow to be
  // scheduled sees a timer expire between any two of its steps.
  const program = (s: Strategy) =>
    simulate({ strategy: s, timeSlip: true }, (sim) => {
      let firedAt = -1;
      const timer = sim.after(1_000, 'deadline');
      sim.spawn('worker', function* () {
        for (let i = 0; i < 3; i++) yield* gosched('work');
        firedAt = timer.length > 0 ? 1 : 0;
      });
      return () => firedAt;
    });

  it('a slip costs one unit of the preemption bound: bound 0 never slips, bound 1 tries each slip point once', () => {
    const early = new Set<number>();
    const b0 = explore(program, (r) => (early.add(r.state()), false), { preemptionBound: 0 });
    expect(b0.exhausted).toBe(true);
    expect(b0.schedules).toBe(1);
    expect([...early]).toEqual([0]);
    const b1 = explore(program, (r) => (early.add(r.state()), false), { preemptionBound: 1 });
    expect(b1.exhausted).toBe(true);
    expect(b1.schedules).toBeGreaterThan(1);
    expect([...early].sort()).toEqual([0, 1]);
  });
});
