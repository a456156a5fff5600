/**
 * Go `select` semantics (spec: "Select statements").
 */
import { describe, expect, it } from 'vitest';
import { ms, onRecv, onSend, RandomWalk, recv, Replay, select, send, simulate, sleep, type Sim, type RunResult } from './index.ts';

const rw = (seed = 1) => ({ strategy: new RandomWalk(seed) });

/** Three buffered channels, each holding a value, and one select over all three. */
function threeReady(sim: Sim): { picked: number } {
  const out = { picked: -2 };
  const chans = [0, 1, 2].map((i) => sim.chan<number>(1, `c${i}`));
  sim.spawn('selector', function* () {
    for (const [i, c] of chans.entries()) yield* send(c, i);
    out.picked = (yield* select(chans.map((c) => onRecv(c)))).index;
  });
  return out;
}

describe('select (Go semantics)', () => {
  it('a ready case is always taken, never default (Go: default only when no case can proceed)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = simulate(rw(seed), (sim) => {
        const ch = sim.chan<number>(1, 'c');
        const out = { index: -2, value: undefined as unknown };
        sim.spawn('t', function* () {
          yield* send(ch, 5);
          const s = yield* select([onRecv(sim.chan(0, 'never')), onRecv(ch)], true);
          out.index = s.index;
          out.value = s.value;
        });
        return out;
      });
      expect(r.state).toEqual({ index: 1, value: 5 });
    }
  });

  it('with no ready case and a default, default is taken at once (Go: non-blocking select)', () => {
    const r = simulate(rw(), (sim) => {
      const out = { index: -2, at: -1 };
      sim.spawn('t', function* () {
        out.index = (yield* select([onRecv(sim.chan(0, 'a')), onSend(sim.chan(0, 'b'), 1), onRecv(null)], true)).index;
        out.at = sim.now;
      });
      return out;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual({ index: -1, at: 0 });
  });

  it('several ready cases: the choice is a recorded `select` decision, seeds differ, replay reproduces (Go: uniform pseudo-random choice)', () => {
    const picks = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      const r = simulate(rw(seed), threeReady);
      picks.add(r.state.picked);
      const d = r.decisions.toArray();
      expect(d).toEqual([{ label: 'select', width: 3, choice: r.state.picked }]);
      const again = simulate({ strategy: new Replay(d) }, threeReady);
      expect(again.state.picked).toBe(r.state.picked);
      expect(again.traceHash).toBe(r.traceHash);
    }
    expect(picks).toEqual(new Set([0, 1, 2]));
  });

  it('a select send case completes a rendezvous with a parked receiver (Go: send case proceeds when a receiver waits)', () => {
    const r = simulate(rw(), (sim) => {
      const ch = sim.chan<string>(0, 'c');
      const out = { index: -2, got: '' };
      sim.spawn('receiver', function* () {
        out.got = (yield* recv(ch)) ?? '';
      });
      sim.spawn('selector', function* () {
        yield* sleep(ms(1));
        out.index = (yield* select([onRecv(null), onSend(ch, 'hi')])).index;
      });
      return out;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual({ index: 1, got: 'hi' });
  });

  it('a blocked select wakes on the first ready channel and leaves no stale waiter (Go: the other cases are dequeued)', () => {
    for (const cap of [0, 1]) {
      const r: RunResult & { state: { log: string[] } } = simulate(rw(), (sim) => {
        const a = sim.chan<string>(0, 'a');
        const b = sim.chan<string>(cap, 'b');
        const log: string[] = [];
        sim.spawn('selector', function* () {
          const s = yield* select([onRecv(a), onRecv(b)]);
          log.push(`select ${s.index} ${String(s.value)} @${sim.now}`);
          yield* sleep(ms(5));
          log.push(`late recv ${String(yield* recv(b))} @${sim.now}`);
        });
        sim.spawn('send-a', function* () {
          yield* sleep(ms(1));
          yield* send(a, 'A');
        });
        sim.spawn('send-b', function* () {
          yield* sleep(ms(2));
          yield* send(b, 'B');
          log.push(`b sent @${sim.now}`);
        });
        return { log };
      });
      expect(r.outcome.kind).toBe('ok');
      const bSentAt = cap === 0 ? 6000 : 2000; // unbuffered: only the late recv can take it
      expect([...r.state.log].sort()).toEqual([`b sent @${bSentAt}`, 'late recv B @6000', 'select 0 A @1000']);
    }
  });

  it('a select whose channel is closed while blocked gets ok=false on that case (Go: closed channel is always ready)', () => {
    const r = simulate(rw(), (sim) => {
      const a = sim.chan<number>(0, 'a');
      const out = { index: -2, ok: true };
      sim.spawn('selector', function* () {
        const s = yield* select([onRecv(sim.chan(0, 'idle')), onRecv(a)]);
        out.index = s.index;
        out.ok = s.ok;
      });
      sim.spawn('closer', function* () {
        yield* sleep(ms(1));
        a.close();
      });
      return out;
    });
    expect(r.state).toEqual({ index: 1, ok: false });
  });

  it('select with only nil cases and no default blocks forever (Go: select {} on nil channels)', () => {
    const r = simulate(rw(), (sim) => {
      sim.spawn('stuck', function* () {
        yield* select([onRecv(null), onSend(null, 1)]);
      });
    });
    expect(r.outcome.kind).toBe('deadlock');
    expect(r.live[0]?.waitingOn).toBe('select on [recv nil, send nil]');
  });
});
