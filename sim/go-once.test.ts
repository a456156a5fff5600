/**
 * `sync.Once` semantics (pkg.go.dev/sync#Once.Do): "Do calls the function f if and only
 * if Do is being called for the first time for this instance"; "no call to Do returns
 * until the one call to f returns"; "if f panics, Do considers it to have returned";
 * "if f causes Do to be called, it will deadlock".
 */
import { describe, expect, it } from 'vitest';
import { GoPanic, gosched, ms, Once, RandomWalk, simulate, sleep } from './index.ts';

const rw = (seed = 1) => ({ strategy: new RandomWalk(seed) });

describe('sync.Once', () => {
  it('runs f once under contention, and no Do returns before f has returned (200 seeds)', () => {
    for (let seed = 0; seed < 200; seed++) {
      const r = simulate(rw(seed), (sim) => {
        const once = new Once(sim, 'once');
        const s = { runs: 0, finished: false, earlyReturns: 0 };
        for (let i = 0; i < 4; i++) {
          sim.spawn(`t${i}`, function* () {
            yield* once.do(function* () {
              s.runs++;
              yield* gosched();
              yield* sleep(ms(1));
              s.finished = true;
            });
            if (!s.finished) s.earlyReturns++;
          });
        }
        return s;
      });
      expect(r.outcome.kind).toBe('ok');
      expect(r.state).toEqual({ runs: 1, finished: true, earlyReturns: 0 });
    }
  });

  it('a panicking f counts as done: a later Do does not run its function (Go: "Do considers it to have returned")', () => {
    const r = simulate(rw(), (sim) => {
      const once = new Once(sim, 'once');
      const s = { second: false, caught: '' };
      sim.spawn('t', function* () {
        try {
          yield* once.do(function* () {
            yield* gosched();
            throw new GoPanic('boom');
          });
        } catch (e) {
          s.caught = (e as Error).message;
        }
        yield* once.do(function* () {
          s.second = true;
        });
      });
      return s;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual({ second: false, caught: 'boom' });
  });

  it('Do called from inside f deadlocks (Go: "if f causes Do to be called, it will deadlock")', () => {
    const r = simulate(rw(), (sim) => {
      const once = new Once(sim, 'once');
      sim.spawn('t', function* () {
        yield* once.do(function* () {
          yield* once.do(function* () {});
        });
      });
    });
    expect(r.outcome.kind).toBe('deadlock');
    expect(r.outcome.message).toContain('t: recv on once.do');
  });
});
