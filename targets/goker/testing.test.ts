/**
 * The local GoKer runner: the verdict follows the core properties, failing runs replay
 * exactly from their decisions, and the fairness bound keeps spinning goroutines from
 * starving the others under PCT and depth-first search.
 */
import { describe, expect, it } from 'vitest';
import { explore, onRecv, Pct, RandomWalk, Replay, select, simulate, sleep, ms, closeChan, recv, type RunResult, type Strategy } from '../../sim/index.ts';
import { kernel, loadKernel, PORTED } from './catalog.ts';
import { FairBound } from '../../sim/index.ts';
import { runKernel, sweep, verdictOf } from './testing.ts';

const rw = (seed = 1) => ({ strategy: new RandomWalk(seed) });

describe('verdictOf', () => {
  it('passes a run whose tasks all finished', () => {
    const r = simulate(rw(), (sim) => sim.spawn('t', function* () {}));
    expect(verdictOf(r).property).toBeNull();
  });

  it('a panic is no-panic', () => {
    const p = simulate(rw(), (sim) => {
      const c = sim.chan(0, 'c');
      sim.spawn('t', function* () {
        closeChan(c);
        closeChan(c);
      });
    });
    expect(verdictOf(p)).toMatchObject({ property: 'no-panic', message: expect.stringContaining('close of closed channel') });
  });

  it('a global deadlock, a goroutine alive at the end and a spent budget are no-stuck-tasks', () => {
    const dead = simulate(rw(), (sim) => sim.spawn('t', () => recv(sim.chan(0, 'never'))));
    expect(verdictOf(dead)).toMatchObject({ property: 'no-stuck-tasks', message: expect.stringContaining('all goroutines are asleep') });
    const leak = simulate({ ...rw(), until: ms(5) }, (sim) => {
      sim.spawn('ticker', function* () {
        for (;;) yield* sleep(ms(1));
      });
    });
    expect(verdictOf(leak)).toMatchObject({ property: 'no-stuck-tasks', message: expect.stringContaining('ticker') });
    const spin = simulate({ ...rw(), maxSteps: 100 }, (sim) => {
      sim.spawn('spin', function* () {
        for (;;) yield* select([], true);
      });
    });
    expect(verdictOf(spin).property).toBe('no-stuck-tasks');
  });
});

describe('runKernel', () => {
  it('a failing run of a kernel replays bit for bit from its recorded decisions', async () => {
    const t = await loadKernel(kernel('kubernetes_62464') as NonNullable<ReturnType<typeof kernel>>);
    const found = sweep(t, 'buggy', 'random');
    expect(found.firstFailingSeed).not.toBeNull();
    const first = runKernel(t, 'buggy', new RandomWalk(found.firstFailingSeed as number));
    const again = runKernel(t, 'buggy', new Replay(first.result.decisions.toArray()));
    expect(again.verdict).toEqual(first.verdict);
    expect(again.result.traceHash).toBe(first.result.traceHash);
  });
});

describe('determinism', () => {
  it('every kernel variant gives the same trace hash when a seed is run twice, and nothing leaks real time or randomness', async () => {
    for (const k of PORTED) {
      const t = await loadKernel(k);
      for (const variant of ['buggy', 'fixed'] as const) {
        const a = runKernel(t, variant, new RandomWalk(7));
        const b = runKernel(t, variant, new RandomWalk(7));
        expect(a.result.outcome.kind, `${k.id} ${variant}`).not.toBe('nondeterminism');
        expect(b.result.traceHash, `${k.id} ${variant}`).toBe(a.result.traceHash);
      }
    }
  });
});

describe('FairBound', () => {
  // A goroutine spins on a flag another goroutine sets: without fairness, PCT runs the
  // spinner forever whenever it has the higher priority, and DFS's first schedule does.
  const program = (s: Strategy): RunResult =>
    simulate({ strategy: s, maxSteps: 10_000 }, (sim) => {
      const flag = sim.chan<never>(0, 'flag');
      sim.spawn('spinner', function* () {
        for (;;) if ((yield* select([onRecv(flag)], true)).index === 0) return;
      });
      sim.spawn('setter', function* () {
        closeChan(flag);
      });
    });

  it('without it, some PCT seed spins to the step budget; with it, none does', () => {
    const spins = (wrap: (s: Strategy) => Strategy) =>
      Array.from({ length: 20 }, (_, seed) => program(wrap(new Pct(seed, { depth: 1, steps: 10 })))).filter((r) => r.outcome.kind === 'step-budget').length;
    expect(spins((s) => s)).toBeGreaterThan(0);
    expect(spins((s) => new FairBound(s, 64))).toBe(0);
  });

  it('makes depth-first search over a spin loop finite and clean', () => {
    const r = explore((s) => program(new FairBound(s, 8)), (x) => x.outcome.kind !== 'ok', { preemptionBound: 2 });
    expect(r).toMatchObject({ exhausted: true, failures: [] });
  });
});
