/**
 * `time.Ticker` semantics (pkg.go.dev/time#NewTicker), Go ≥ 1.23: ticks every period;
 * "the ticker will adjust the time interval or drop ticks to make up for slow
 * receivers"; after Stop or Reset no stale tick is received; a non-positive period panics.
 */
import { describe, expect, it } from 'vitest';
import { GoPanic, ms, newTicker, onRecv, RandomWalk, recv, select, simulate, sleep, type Micros } from './index.ts';

const rw = (seed = 1) => ({ strategy: new RandomWalk(seed) });

describe('time.Ticker', () => {
  it('delivers a tick every period (Go: NewTicker)', () => {
    const r = simulate(rw(), (sim) => {
      const got: Micros[] = [];
      sim.spawn('t', function* () {
        const tk = newTicker(sim, ms(3));
        for (let i = 0; i < 3; i++) got.push((yield* recv(tk.C)) as Micros);
        tk.stop();
      });
      return got;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual([ms(3), ms(6), ms(9)]);
  });

  it('a slow receiver gets one waiting tick, the others are dropped (Go: "drop ticks to make up for slow receivers")', () => {
    const r = simulate(rw(), (sim) => {
      const got: Array<[Micros, Micros]> = [];
      sim.spawn('t', function* () {
        const tk = newTicker(sim, ms(2));
        yield* sleep(ms(7));
        got.push([(yield* recv(tk.C)) as Micros, sim.now]);
        got.push([(yield* recv(tk.C)) as Micros, sim.now]);
        tk.stop();
      });
      return got;
    });
    expect(r.state).toEqual([
      [ms(2), ms(7)],
      [ms(8), ms(8)],
    ]);
  });

  it('after Stop no tick is received, not even one that was due and not taken (Go ≥ 1.23)', () => {
    const r = simulate(rw(), (sim) => {
      const out = { idx: -2 };
      sim.spawn('t', function* () {
        const tk = newTicker(sim, ms(2));
        yield* sleep(ms(3));
        tk.stop();
        out.idx = (yield* select([onRecv(tk.C), onRecv(sim.after(ms(20)))])).index;
      });
      return out;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state.idx).toBe(1);
  });

  it('Reset changes the period; the next tick is the new period from now (Go: Ticker.Reset)', () => {
    const r = simulate(rw(), (sim) => {
      const got: Micros[] = [];
      sim.spawn('t', function* () {
        const tk = newTicker(sim, ms(10));
        yield* sleep(ms(11)); // one tick (at 10 ms) waits unreceived
        tk.reset(ms(3));
        got.push((yield* recv(tk.C)) as Micros);
        got.push((yield* recv(tk.C)) as Micros);
        tk.stop();
      });
      return got;
    });
    expect(r.state).toEqual([ms(14), ms(17)]);
  });

  it('a live ticker keeps the clock running: a goroutine blocked elsewhere is not "all asleep" until the end (Go: timers count)', () => {
    const r = simulate({ ...rw(), until: ms(100) }, (sim) => {
      newTicker(sim, ms(1));
      const never = sim.chan<number>(0, 'never');
      sim.spawn('stuck', function* () {
        yield* recv(never);
      });
    });
    expect(r.outcome.kind).toBe('stopped');
    expect(r.live.map((t) => t.waitingOn)).toEqual(['recv on never']);
  });

  it('a non-positive period panics (Go: "non-positive interval for NewTicker")', () => {
    simulate(rw(), (sim) => {
      expect(() => newTicker(sim, 0)).toThrow(GoPanic);
      expect(() => newTicker(sim, 0)).toThrow('non-positive interval for NewTicker');
      const tk = newTicker(sim, ms(1));
      expect(() => tk.reset(-1)).toThrow('non-positive interval for Ticker.Reset');
      tk.stop();
    });
  });
});
