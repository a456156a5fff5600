/**
 * Go `context` semantics (package context: WithCancel, WithTimeout, WithDeadline, Background).
 */
import { describe, expect, it } from 'vitest';
import { background, Canceled, DeadlineExceeded, ms, onRecv, RandomWalk, recv, select, simulate, sleep, withCancel, withDeadline, withTimeout } from './index.ts';

const rw = (seed = 1) => ({ strategy: new RandomWalk(seed) });

describe('context (Go semantics)', () => {
  it('cancelling a parent cancels its children but not its own parent (Go: cancellation flows down only)', () => {
    const r = simulate(rw(), (sim) => {
      const [root] = withCancel(background(sim), 'root');
      const [mid, cancelMid] = withCancel(root, 'mid');
      const [leaf] = withCancel(mid, 'leaf');
      const [sibling] = withCancel(root, 'sibling');
      cancelMid();
      cancelMid(); // idempotent, like Go's CancelFunc
      return { root: root.err(), mid: mid.err(), leaf: leaf.err(), sibling: sibling.err(), leafDone: leaf.done()?.closed };
    });
    expect(r.state).toEqual({ root: null, mid: Canceled, leaf: Canceled, sibling: null, leafDone: true });
  });

  it('a task blocked on ctx.Done() wakes when an ancestor is cancelled (Go: <-ctx.Done())', () => {
    const r = simulate(rw(), (sim) => {
      const [parent, cancel] = withCancel(background(sim), 'p');
      const [child] = withCancel(parent, 'c');
      const out = { at: -1, err: null as unknown };
      sim.spawn('waiter', function* () {
        yield* recv(child.done());
        out.at = sim.now;
        out.err = child.err();
      });
      sim.spawn('canceller', function* () {
        yield* sleep(ms(3));
        cancel();
      });
      return out;
    });
    expect(r.state).toEqual({ at: 3000, err: Canceled });
  });

  it('withTimeout fires DeadlineExceeded at exactly the virtual deadline (Go: WithTimeout = WithDeadline(now+d))', () => {
    const r = simulate(rw(), (sim) => {
      const out = { at: -1, err: null as unknown, before: null as unknown };
      sim.spawn('t', function* () {
        yield* sleep(ms(2));
        const [ctx] = withTimeout(background(sim), ms(10), 'to');
        expect(ctx.deadline).toBe(ms(12));
        yield* sleep(ms(10) - 1);
        out.before = ctx.err();
        yield* select([onRecv(ctx.done())]);
        out.at = sim.now;
        out.err = ctx.err();
      });
      return out;
    });
    expect(r.state).toEqual({ at: ms(12), err: DeadlineExceeded, before: null });
  });

  it("withDeadline earlier than the parent's fires first; a later one inherits the parent's (Go: min of deadlines)", () => {
    const r = simulate(rw(), (sim) => {
      const [parent] = withTimeout(background(sim), ms(10), 'p');
      const [early] = withDeadline(parent, ms(4), 'early');
      const [late] = withDeadline(parent, ms(50), 'late');
      const out: Record<string, number> = {};
      for (const [n, c] of [['parent', parent], ['early', early], ['late', late]] as const) {
        sim.spawn(n, function* () {
          yield* recv(c.done());
          out[n] = sim.now;
          expect(c.err()).toBe(DeadlineExceeded);
        });
      }
      return { out, lateDeadline: late.deadline };
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state.out).toEqual({ parent: ms(10), early: ms(4), late: ms(10) });
    expect(r.state.lateDeadline).toBe(ms(10));
  });

  it('a child of an already-cancelled parent is born cancelled with the parent\'s error (Go: propagateCancel)', () => {
    const r = simulate(rw(), (sim) => {
      const [p, cancel] = withCancel(background(sim), 'p');
      cancel();
      const [c] = withCancel(p, 'c');
      const [t] = withTimeout(p, ms(5), 't');
      return { c: c.err(), t: t.err(), closed: c.done()?.closed === true && t.done()?.closed === true };
    });
    expect(r.state).toEqual({ c: Canceled, t: Canceled, closed: true });
  });

  it('a deadline already in the past is born DeadlineExceeded (Go: WithDeadline with d <= now)', () => {
    const r = simulate(rw(), (sim) => {
      const [c] = withTimeout(background(sim), 0, 'zero');
      return c.err();
    });
    expect(r.state).toBe(DeadlineExceeded);
  });

  it("Background's done() is nil, so selecting on it never fires (Go: Background().Done() == nil)", () => {
    const r = simulate(rw(), (sim) => {
      const bg = background(sim);
      sim.spawn('waits-forever', function* () {
        yield* recv(bg.done());
      });
      return { done: bg.done(), err: bg.err() };
    });
    expect(r.state).toEqual({ done: null, err: null });
    expect(r.outcome.kind).toBe('deadlock');
    expect(r.live[0]?.waitingOn).toBe('recv on nil channel (forever)');
  });

  it('cancel before the deadline stops the timer: err stays Canceled (Go: cancel wins, timer stopped)', () => {
    const r = simulate(rw(), (sim) => {
      const [c, cancel] = withTimeout(background(sim), ms(5), 'c');
      const out = { err: null as unknown };
      sim.spawn('t', function* () {
        yield* sleep(ms(1));
        cancel();
        yield* sleep(ms(10));
        out.err = c.err();
      });
      return out;
    });
    expect(r.state.err).toBe(Canceled);
  });
});
