/**
 * Channels that are only ever closed (a context's `Done()`, a "closed" signal) carry less
 * dependency than channels that carry values: two tasks waiting on one commute (its close
 * wakes them all, whatever order they queued in), and only the close conflicts with a
 * wait. So do two readiness checks of any channel. Two children adopted by one context do
 * not: its cancel ends them in adoption order, which a select over both can see. The
 * counts here are analytical; plain DFS's grouping agrees with them.
 */
import { describe, expect, it } from 'vitest';
import { background, closeChan, explore, gosched, onRecv, recv, select, send, simulate, withCancel, type Sim, type Strategy } from '../index.ts';

function count(setup: (sim: Sim) => unknown, reduction: 'none' | 'dpor') {
  return explore((s: Strategy) => simulate({ strategy: s }, setup), () => false, { reduction, countClasses: true, maxSchedules: 200_000 });
}

/** N waiters on one signal channel and a task that closes it: each waiter waits before or after the close. */
function waitersOnSignal(n: number): (sim: Sim) => void {
  return (sim) => {
    const done = sim.signal('done');
    sim.spawn('closer', function* () {
      yield* gosched();
      closeChan(done);
    });
    for (let i = 0; i < n; i++)
      sim.spawn(`w${i}`, function* () {
        yield* gosched();
        yield* recv(done);
      });
  };
}

/** N tasks that each wait on a context's Done beside a channel of their own, and a task that cancels the context. */
function waitersOnContext(n: number): (sim: Sim) => void {
  return (sim) => {
    const [ctx, cancel] = withCancel(background(sim), 'ctx');
    sim.spawn('canceller', function* () {
      yield* gosched();
      cancel();
    });
    for (let i = 0; i < n; i++) {
      const own = sim.chan<number>(0, `own${i}`);
      sim.spawn(`w${i}`, function* () {
        yield* gosched();
        yield* select([onRecv(ctx.done()), onRecv(own)]);
      });
    }
  };
}

/** N tasks that each make a child of one context, then end it. */
function children(n: number): (sim: Sim) => void {
  return (sim) => {
    const root = withCancel(background(sim), 'root')[0];
    for (let i = 0; i < n; i++)
      sim.spawn(`c${i}`, function* () {
        yield* gosched();
        const [, cancel] = withCancel(root, `child${i}`);
        yield* gosched();
        cancel();
      });
  };
}

describe('signal channels and contexts carry only the dependency that matters', () => {
  for (const n of [1, 2, 3, 4]) {
    it(`${n} waiters on a signal channel: 2^${n} classes`, () => {
      const d = count(waitersOnSignal(n), 'dpor');
      expect(d.exhausted).toBe(true);
      expect(d.classes).toBe(2 ** n);
    });
    it(`${n} waiters on a context's Done: 2^${n} classes`, () => {
      const d = count(waitersOnContext(n), 'dpor');
      expect(d.exhausted).toBe(true);
      expect(d.classes).toBe(2 ** n);
    });
    it(`${n} children of one context: ${n}! classes (its cancel ends them in the order they were adopted)`, () => {
      const d = count(children(n), 'dpor');
      expect(d.exhausted).toBe(true);
      expect(d.classes).toBe([1, 1, 2, 6, 24][n]);
    });
  }

  it("plain DFS's classes are DPOR's", () => {
    for (const p of [waitersOnSignal(2), waitersOnContext(2), children(2)]) {
      const all = count(p, 'none');
      const d = count(p, 'dpor');
      expect(new Set(d.signatures)).toEqual(new Set(all.signatures));
    }
  });

  it('a send on a signal channel is a modelling error the kernel reports', () => {
    const r = simulate({ strategy: { name: 'first', choose: () => 0, chooseTask: () => 0 } }, (sim) => {
      const done = sim.signal('done');
      sim.spawn('t', function* () {
        yield* send(done as never, 1 as never);
      });
    });
    expect(r.outcome.kind).toBe('kernel-assertion');
    expect(r.outcome.message).toMatch(/signal channel done/);
  });
});
