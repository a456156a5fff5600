/**
 * The chunked copy-on-write vector clock against a dense reference model: random
 * programs of ticks, sets, copies and joins over a few clocks must agree entry by entry,
 * and a copy must never see a later write of the clock it came from (or the reverse).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockStats, VClock } from './vclock.ts';

type Op = { k: 'tick'; c: number; i: number } | { k: 'join'; a: number; b: number } | { k: 'copy'; from: number; to: number } | { k: 'set'; c: number; i: number; d: number } | { k: 'clear'; c: number };

const slot = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3000 }));
const clockIdx = fc.integer({ min: 0, max: 4 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('tick' as const), c: clockIdx, i: slot }),
  fc.record({ k: fc.constant('join' as const), a: clockIdx, b: clockIdx }),
  fc.record({ k: fc.constant('copy' as const), from: clockIdx, to: clockIdx }),
  fc.record({ k: fc.constant('set' as const), c: clockIdx, i: slot, d: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ k: fc.constant('clear' as const), c: clockIdx }),
);

function dense(m: Map<number, number>, i: number): number {
  return m.get(i) ?? 0;
}

describe('VClock', () => {
  it('agrees with a dense model under ticks, sets, copies and joins (shared pages never leak writes)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const cs = Array.from({ length: 5 }, () => VClock.zero());
        const ms = Array.from({ length: 5 }, () => new Map<number, number>());
        for (const o of ops) {
          if (o.k === 'tick') {
            const v = cs[o.c]!.tick(o.i);
            ms[o.c]!.set(o.i, dense(ms[o.c]!, o.i) + 1);
            expect(v).toBe(dense(ms[o.c]!, o.i));
          } else if (o.k === 'set') {
            const v = dense(ms[o.c]!, o.i) + o.d;
            cs[o.c]!.set(o.i, v);
            ms[o.c]!.set(o.i, v);
          } else if (o.k === 'clear') {
            cs[o.c]!.clear();
            ms[o.c] = new Map();
          } else if (o.k === 'copy') {
            if (o.from === o.to) continue;
            cs[o.to] = VClock.copyOf(cs[o.from]!);
            ms[o.to] = new Map(ms[o.from]!);
          } else {
            if (o.a === o.b) continue;
            cs[o.a]!.join(cs[o.b]!);
            for (const [i, v] of ms[o.b]!) ms[o.a]!.set(i, Math.max(v, dense(ms[o.a]!, i)));
          }
          for (let c = 0; c < 5; c++) {
            const want = [...ms[c]!].filter(([, v]) => v !== 0).sort((x, y) => x[0] - y[0]);
            expect(cs[c]!.entries()).toEqual(want);
          }
        }
        for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) {
          const want = [...ms[a]!].every(([i, v]) => v <= dense(ms[b]!, i));
          expect(cs[a]!.leq(cs[b]!)).toBe(want);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('an entry never goes back (a kernel assertion)', () => {
    const c = VClock.zero();
    c.set(3, 5);
    expect(() => c.set(3, 4)).toThrow(/would go back/);
  });

  it('a join in ping-pong among 10,000 slots touches about one page and one chunk', () => {
    // 10,000 tasks that all know a common setup clock; one pair exchanges clocks repeatedly.
    const setup = VClock.zero();
    for (let i = 0; i < 10_000; i++) setup.set(i, 1);
    const a = VClock.copyOf(setup);
    const b = VClock.copyOf(setup);
    const A = 4_000;
    const B = 4_001;
    for (let r = 0; r < 10; r++) {
      a.tick(A);
      b.join(a);
      b.tick(B);
      a.join(b);
    }
    const before = { ...clockStats };
    const rounds = 100;
    for (let r = 0; r < rounds; r++) {
      a.tick(A);
      b.join(a);
      b.tick(B);
      a.join(b);
    }
    const joins = 2 * rounds;
    expect((clockStats.pagesCompared - before.pagesCompared) / joins).toBeLessThanOrEqual(1);
    expect((clockStats.chunksCompared - before.chunksCompared) / joins).toBeLessThanOrEqual(1);
    expect(b.get(A)).toBe(a.get(A));
  });
});
