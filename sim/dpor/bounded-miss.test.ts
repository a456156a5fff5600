/**
 * DPOR under a preemption bound is not complete within the bound (Coons, Musuvathi and
 * McKinley, OOPSLA 2013): the bound cuts a reversal that costs a preemption where another
 * order of the same steps would not, and a sleep set holds back a task whose equivalent
 * run was explored only over the bound. `dst explore --bound K --reduction dpor` says so
 * in one line; this test pins down that the line is true, on two tiny programs where DPOR
 * misses a class plain DFS runs within the same bound. (`npm run bounded-coverage` gives
 * the same figure for a shipped scenario.)
 */
import { describe, expect, it } from 'vitest';
import { explore, simulate, type Strategy } from '../index.ts';
import { build, type Program } from './oracle-programs.test-util.ts';

function classes(p: Program, reduction: 'none' | 'dpor', bound: number, timeSlip: boolean): Set<number> {
  const r = explore((s: Strategy) => simulate({ strategy: s, timeSlip }, build(p)), () => false, { reduction, countClasses: true, stopAtFirstFailure: false, preemptionBound: bound });
  expect(r.exhausted).toBe(true);
  return new Set(r.signatures);
}

describe('DPOR under a preemption bound', () => {
  it('misses a class plain DFS runs within bound 0: the reversal preempts, the order that would not is never tried', () => {
    // A critical section racing a panic check: reversing it right before the store preempts the lock holder.
    const p: Program = [[{ k: 'critical', cell: 0 }], [{ k: 'boom' }, { k: 'poll' }, { k: 'yield' }]];
    const all = classes(p, 'none', 0, false);
    const dpor = classes(p, 'dpor', 0, false);
    expect(all.size).toBe(2);
    expect([...all].filter((c) => !dpor.has(c))).toHaveLength(1);
    // Without the bound it covers every class.
    expect(classes(p, 'dpor', Number.POSITIVE_INFINITY, false)).toEqual(classes(p, 'none', Number.POSITIVE_INFINITY, false));
  });

  it('misses a class plain DFS runs within bound 1 with time slips: a sleeping task whose equivalent run costs two', () => {
    const p: Program = [[{ k: 'poll' }], [{ k: 'sleep' }]];
    const all = classes(p, 'none', 1, true);
    const dpor = classes(p, 'dpor', 1, true);
    expect(all.size).toBe(2);
    expect([...all].filter((c) => !dpor.has(c))).toHaveLength(1);
  });

  it('never runs a schedule over the bound: with the running task asleep, switching to another is a preemption too', () => {
    // Found by fuzzing: a slip, then a switch away from a task asleep there, made a second preemption at bound 1.
    const p: Program = [[{ k: 'wait' }], [{ k: 'disarm' }, { k: 'send', ch: 0 }, { k: 'poll' }]];
    const all = classes(p, 'none', 1, true);
    const dpor = classes(p, 'dpor', 1, true);
    expect([...dpor].filter((c) => !all.has(c))).toEqual([]);
  });
});
