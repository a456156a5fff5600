/**
 * Interleaving coverage: pairs of dependent steps by site, both orders, saturation.
 */
import { describe, expect, it } from 'vitest';
import { gosched, RandomWalk, Shared, simulate, type Sim } from '../index.ts';
import { dependentPairs, InterleavingCoverage, role } from './coverage.ts';
import { Recording } from './recording.ts';

function pingCell(sim: Sim): void {
  const c = new Shared(sim, 0, 'c');
  for (const n of ['writer-1', 'reader-2']) {
    sim.spawn(n, function* () {
      yield* gosched();
      if (n.startsWith('writer')) c.store(1, n);
      else c.load(n);
    });
  }
}

describe('interleaving coverage', () => {
  it('a role is a task name without its numbers', () => {
    expect(role('worker-12')).toBe('worker-#');
    expect(role('send-3-reply')).toBe('send-#-reply');
  });

  it('one run puts a dependent pair in one order; seeds that try both orders cover it, and the curve saturates', () => {
    const cov = new InterleavingCoverage(4);
    const orders = new Set<string>();
    for (let seed = 0; seed < 16; seed++) {
      const rec = new Recording(new RandomWalk(seed));
      const r = simulate({ strategy: rec }, pingCell);
      const pairs = dependentPairs(rec.dependencies, r.taskNames);
      for (const p of pairs) orders.add(p);
      cov.add(pairs);
    }
    // The writer's and the reader's second steps conflict on the cell, in either order.
    expect(orders).toEqual(new Set(['writer-#:1\treader-#:1', 'reader-#:1\twriter-#:1']));
    const s = cov.summary();
    expect(s).toMatchObject({ pairs: 1, oneOrderOnly: 0, blockSize: 4 });
    expect(s.newPerBlock.reduce((a, b) => a + b, 0)).toBe(2);
    expect(s.newPerBlock.at(-1)).toBe(0);
  });

  it('recording changes no decision: same trace hash as the strategy alone', () => {
    const plain = simulate({ strategy: new RandomWalk(3) }, pingCell);
    const rec = simulate({ strategy: new Recording(new RandomWalk(3)) }, pingCell);
    expect(rec.traceHash).toBe(plain.traceHash);
  });
});
