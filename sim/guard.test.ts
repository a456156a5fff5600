/**
 * The nondeterminism guard. Go analogue: a deterministic test must not read the wall
 * clock, global randomness or the host scheduler; here each such call fails the run.
 */
import { describe, expect, it } from 'vitest';
import { RandomWalk, gosched, simulate } from './index.ts';

const g = globalThis as unknown as Record<string, unknown>;

const calls: Array<[string, () => unknown]> = [
  ['Math.random', () => Math.random()],
  ['Date.now', () => Date.now()],
  ['new Date()', () => new Date()],
  ['performance.now', () => performance.now()],
  ['setTimeout', () => setTimeout(() => {}, 0)],
  ['setInterval', () => setInterval(() => {}, 10)],
  ['setImmediate', () => setImmediate(() => {})],
  ['queueMicrotask', () => queueMicrotask(() => {})],
  ['process.nextTick', () => process.nextTick(() => {})],
  ['process.hrtime', () => process.hrtime()],
];

function snapshot(): unknown[] {
  return [Math.random, Date, Date.now, performance.now, g.setTimeout, g.setInterval, g.setImmediate, g.queueMicrotask, process.nextTick, process.hrtime];
}

describe('nondeterminism guard', () => {
  for (const [what, call] of calls) {
    it(`${what} inside a task fails the run with outcome nondeterminism naming the call, and everything is restored`, () => {
      const before = snapshot();
      const r = simulate({ strategy: new RandomWalk(1) }, (sim) => {
        sim.spawn('sneaky', function* () {
          yield* gosched();
          call();
        });
        sim.spawn('bystander', function* () {
          yield* gosched();
        });
      });
      expect(r.outcome.kind).toBe('nondeterminism');
      expect(r.outcome.message).toBe(`nondeterminism leak: ${what} called by task sneaky`);
      expect(snapshot()).toEqual(before);
      expect(typeof Math.random()).toBe('number');
      expect(new Date(0).getTime()).toBe(0);
    });
  }

  it('a task that swallows the leak error still ends the run (the kernel remembers the abort)', () => {
    const r = simulate({ strategy: new RandomWalk(1) }, (sim) => {
      sim.spawn('swallower', function* () {
        try {
          Math.random();
        } catch {
          // ignored on purpose
        }
        for (;;) yield* gosched();
      });
    });
    expect(r.outcome.kind).toBe('nondeterminism');
  });

  it('new Date(ms) with an argument stays allowed (deterministic)', () => {
    const r = simulate({ strategy: new RandomWalk(1) }, (sim) => {
      const out = { t: 0 };
      sim.spawn('t', function* () {
        out.t = new Date(1234).getTime();
        yield* gosched();
      });
      return out;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state.t).toBe(1234);
  });
});
