/**
 * How runs end: Go's deadlock detector, leaked goroutines at the scenario end, and the
 * step and virtual-time budgets (which Go does not have: they keep a run from hanging).
 */
import { describe, expect, it } from 'vitest';
import { gosched, ms, onRecv, RandomWalk, recv, sec, select, send, simulate, sleep } from './index.ts';

const rw = (seed = 1) => ({ strategy: new RandomWalk(seed) });

describe('end of a run', () => {
  it('"all goroutines are asleep" lists every blocked task and what it waits on (Go: fatal error: all goroutines are asleep - deadlock!)', () => {
    const r = simulate(rw(), (sim) => {
      const a = sim.chan<number>(0, 'a');
      const b = sim.chan<number>(0, 'b');
      const c = sim.chan<number>(0, 'c');
      sim.spawn('reader', function* () {
        yield* recv(a);
      });
      sim.spawn('writer', function* () {
        yield* send(c, 1);
      });
      sim.spawn('selector', function* () {
        yield* select([onRecv(a), onRecv(b)]);
      });
      sim.spawn('bg', function* () {
        yield* recv(a);
      }, { daemon: true });
    });
    expect(r.outcome.kind).toBe('deadlock');
    // Go's report shows every goroutine, daemons included; `live` (the leak list) omits daemons.
    expect(r.outcome.message).toBe(
      'all goroutines are asleep - deadlock! [reader: recv on a; writer: send on c; selector: select on [recv a, recv b]; bg (daemon): recv on a]',
    );
    expect(r.live.map((t) => `${t.name}: ${t.waitingOn}`)).toEqual([
      'reader: recv on a',
      'writer: send on c',
      'selector: select on [recv a, recv b]',
    ]);
  });

  it('at `until`, every still-blocked non-daemon task is listed in `live` and daemons are not (Go: leaked goroutines)', () => {
    const r = simulate({ ...rw(), until: sec(1) }, (sim) => {
      const stuck = sim.chan<number>(0, 'stuck');
      sim.spawn('leaker', function* () {
        yield* recv(stuck);
      });
      sim.spawn('sleeper', function* () {
        yield* sleep(sec(10));
      });
      sim.spawn('ticker', function* () {
        for (;;) yield* sleep(ms(100));
      }, { daemon: true });
      sim.spawn('finisher', function* () {
        yield* sleep(ms(10));
      });
    });
    expect(r.outcome.kind).toBe('stopped');
    expect(r.time).toBe(sec(1));
    expect(r.live.map((t) => `${t.name}: ${t.waitingOn}`).sort()).toEqual(['leaker: recv on stuck', 'sleeper: sleep 10.000s']);
  });

  it('the step budget gives outcome step-budget, never a hang (no Go analogue: a livelock guard)', () => {
    const r = simulate({ ...rw(), maxSteps: 1000 }, (sim) => {
      sim.spawn('spin', function* () {
        for (;;) yield* gosched();
      });
    });
    expect(r.outcome.kind).toBe('step-budget');
    expect(r.steps).toBe(1000);
  });

  it('the virtual-time budget gives outcome time-budget, distinct from step-budget (no Go analogue)', () => {
    const r = simulate({ ...rw(), maxTime: sec(5) }, (sim) => {
      sim.spawn('tick', function* () {
        for (;;) yield* sleep(sec(1));
      });
    });
    expect(r.outcome.kind).toBe('time-budget');
    expect(r.time).toBeLessThanOrEqual(sec(5));
  });

  it('a run ends ok when every non-daemon task finishes even if daemons are blocked (Go: main returns)', () => {
    const r = simulate(rw(), (sim) => {
      sim.spawn('daemon', function* () {
        yield* recv(null);
      }, { daemon: true });
      sim.spawn('main', function* () {
        yield* sleep(ms(1));
      });
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.live).toEqual([]);
  });

  it('a thrown error is a panic naming the task and its spawn lineage (Go: panic with goroutine trace)', () => {
    const r = simulate(rw(), (sim) => {
      sim.spawn('parent', function* () {
        sim.spawn('child', function* () {
          yield* gosched();
          throw new Error('boom');
        });
        yield* sleep(ms(5));
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toBe('panic in task child: boom');
    expect(r.outcome.task).toBe('child <- parent');
  });
});
