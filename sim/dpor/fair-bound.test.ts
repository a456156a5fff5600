/**
 * DPOR under a fairness bound (what spinning kernels run with): a decision the bound forces
 * is recorded as a node without alternatives, so the exploration stays aligned with the
 * kernel's decision log and terminates. It is not complete: which task the bound forces
 * depends on how long each waited, which reordering independent steps changes, so (like a
 * preemption bound) it may miss classes plain DFS sees under the same bound; this test
 * pins that down, and `dst explore` says so in one line for such a target.
 */
import { describe, expect, it } from 'vitest';
import { explore, FairBound, gosched, Shared, simulate, type Sim, type Strategy } from '../index.ts';

/** A task spins until another sets a flag; a third writes a cell both read. */
function spinner(sim: Sim): void {
  const flag = new Shared(sim, false, 'flag');
  const cell = new Shared(sim, 0, 'cell');
  sim.spawn('spin', function* () {
    while (!flag.load('spin: flag')) yield* gosched();
    cell.load('spin: cell');
  });
  sim.spawn('set', function* () {
    yield* gosched();
    flag.store(true, 'set: flag');
  });
  sim.spawn('write', function* () {
    yield* gosched();
    cell.store(1, 'write: cell');
  });
}

describe('DPOR under a fairness bound', () => {
  it('terminates and exhausts in fewer schedules, but may miss classes plain DFS sees under the same bound', () => {
    const run = (s: Strategy) => simulate({ strategy: new FairBound(s, 3) }, spinner);
    const all = explore(run, () => false, { countClasses: true, maxSchedules: 50_000 });
    const dpor = explore(run, () => false, { reduction: 'dpor', maxSchedules: 50_000 });
    expect(all.exhausted && dpor.exhausted).toBe(true);
    const missed = [...new Set(all.signatures)].filter((c) => !new Set(dpor.signatures).has(c));
    expect(missed.length).toBeGreaterThan(0);
    expect(dpor.schedules).toBeLessThan(all.schedules);
    expect(dpor.classes).toBeGreaterThan(1);
  });
});
