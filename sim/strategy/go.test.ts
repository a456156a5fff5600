/**
 * Go-like scheduling: a woken receiver waits in its waker's runnext slot while the waker
 * keeps running; runs replay bit for bit from their seed and from their decision list;
 * no runnable goroutine starves.
 */
import { describe, expect, it } from 'vitest';
import { GoScheduler, ms, RandomWalk, recv, Replay, ScheduleMeter, send, simulate, sleep, type Sim, type Strategy } from '../index.ts';

/** A sender hands values to parked receivers, doing a step of work (a send on a buffered log) after each hand-off. */
function handoffs(sim: Sim): string[] {
  const order: string[] = [];
  const log = sim.chan<number>(1000, 'log');
  for (let r = 0; r < 3; r++) {
    const ch = sim.chan<number>(0, `to-${r}`);
    sim.spawn(`receiver-${r}`, function* () {
      const v = yield* recv(ch);
      order.push(`recv ${v}`);
    });
    sim.spawn(`sender-${r}`, function* () {
      yield* sleep(ms(1)); // every receiver is parked by now
      yield* send(ch, r);
      order.push(`sent ${r}`);
      yield* send(log, r); // a scheduling point: Go keeps the sender here
      order.push(`sender ${r} continued`);
    });
  }
  return order;
}

function ring(sim: Sim): void {
  const n = 12;
  const chans = Array.from({ length: n }, (_, i) => sim.chan<number>(0, `ring-${i}`));
  for (let i = 0; i < n; i++) {
    sim.spawn(`node-${i}`, function* () {
      for (let round = 0; round < 5; round++) {
        if (i === 0) yield* send(chans[1] as never, round);
        const v = yield* recv(chans[i] as never);
        if (i !== 0) yield* send(chans[(i + 1) % n] as never, v);
      }
    });
  }
}

describe('go strategy', () => {
  it('keeps the sender running after it wakes a receiver (runnext), for any GOMAXPROCS', () => {
    for (const procs of [1, 2, 4]) {
      for (let seed = 0; seed < 10; seed++) {
        const meter = new ScheduleMeter(new GoScheduler(seed, { procs }));
        const r = simulate({ strategy: meter }, handoffs);
        expect(r.outcome.kind).toBe('ok');
        for (let i = 0; i < 3; i++) expect(r.state.indexOf(`sender ${i} continued`)).toBeLessThan(r.state.indexOf(`recv ${i}`));
        expect(meter.wakeeFirst).toBe(0);
      }
    }
  });

  it('the random walk, by contrast, often runs the receiver first', () => {
    let wakeeFirst = 0;
    for (let seed = 0; seed < 10; seed++) {
      const meter = new ScheduleMeter(new RandomWalk(seed));
      simulate({ strategy: meter }, handoffs);
      wakeeFirst += meter.wakeeFirst;
    }
    expect(wakeeFirst).toBeGreaterThan(0);
  });

  it('replays bit for bit from its seed and from its decision list', () => {
    for (let seed = 0; seed < 10; seed++) {
      const a = simulate({ strategy: new GoScheduler(seed) }, ring);
      const b = simulate({ strategy: new GoScheduler(seed) }, ring);
      expect(a.outcome.kind).toBe('ok');
      expect(b.traceHash).toBe(a.traceHash);
      const replayed = simulate({ strategy: new Replay(a.decisions.toArray()) }, ring);
      expect(replayed.outcome.kind).toBe('ok');
      expect(replayed.traceHash).toBe(a.traceHash);
    }
  });

  it('interleaves processors: with two Ps some seeds differ, with one P the schedule is fixed', () => {
    const hashes = (procs: number) => new Set(Array.from({ length: 10 }, (_, seed) => simulate({ strategy: new GoScheduler(seed, { procs }) as Strategy }, ring).traceHash));
    expect(hashes(2).size).toBeGreaterThan(1);
    expect(hashes(1).size).toBe(1);
  });
});
