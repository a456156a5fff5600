/**
 * Happens-before through contexts and timers: a cancel happens before `Done()` receivers
 * see it and before an `Err()` that returns it; a timer's fire (its channel send, a
 * deadline's cancel) carries what its armer knew when arming it, and nothing the armer
 * did afterwards.
 */
import { describe, expect, it } from 'vitest';
import { background, ms, recv, Shared, sleep, withCancel, withTimeout, type Sim } from '../index.ts';
import { racePairs } from './testing.ts';

const none = (n = 6): string[][] => Array.from({ length: n }, () => []);
const one = (pair: string, n = 6): string[][] => Array.from({ length: n }, () => [pair]);

describe('context cancel', () => {
  const prog = (how: 'done' | 'err' | 'none') => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const [ctx, cancel] = withCancel(background(sim), 'req');
    sim.spawn('canceller', function* () {
      x.store(1, 'canceller: x = 1');
      cancel();
    });
    sim.spawn('watcher', function* () {
      if (how === 'done') yield* recv(ctx.done());
      else if (how === 'err') {
        while (ctx.err() === null) yield* sleep(ms(1));
      } else yield* sleep(ms(1));
      x.load('watcher: read x');
    });
  };
  it('a receive from Done() after cancel: no race', () => expect(racePairs(prog('done'))).toEqual(none()));
  it('Err() returning the error: no race', () => expect(racePairs(prog('err'))).toEqual(none()));
  it('neither: one race', () => expect(racePairs(prog('none'))).toEqual(one('canceller: x = 1 / watcher: read x')));

  it('cancelling a parent orders the cancel before the children’s Done', () => {
    const p = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      const [parent, cancel] = withCancel(background(sim), 'parent');
      const [child] = withCancel(parent, 'child');
      sim.spawn('canceller', function* () {
        x.store(1, 'canceller: x = 1');
        cancel();
      });
      sim.spawn('watcher', function* () {
        yield* recv(child.done());
        x.load('watcher: read x');
      });
    };
    expect(racePairs(p)).toEqual(none());
  });
});

describe('timers carry their armer’s clock at arm time', () => {
  const prog = (writeAfterArm: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const timer = new Shared<ReturnType<Sim['newTimer']> | null>(sim, null, 'timer var');
    sim.spawn('armer', function* () {
      if (!writeAfterArm) x.store(1, 'armer: x = 1');
      timer.store(sim.newTimer(ms(5), 't'), 'armer: t = NewTimer');
      if (writeAfterArm) x.store(1, 'armer: x = 1 after arming');
    });
    sim.spawn('waiter', function* () {
      yield* sleep(ms(1));
      // A goroutine that got the timer some other way (here: armed before it started waiting).
      const t = timer.peek();
      if (t === null) throw new Error('no timer');
      yield* recv(t.C);
      x.load('waiter: read x');
    });
  };
  it('a write before NewTimer is ordered before a receive of its fire', () => expect(racePairs(prog(false))).toEqual(none()));
  it('a write after NewTimer is not', () => expect(racePairs(prog(true))).toEqual(one('armer: x = 1 after arming / waiter: read x')));

  it('Reset re-arms with the resetter’s clock', () => {
    const p = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      const t = sim.newTimer(ms(5), 't');
      sim.spawn('resetter', function* () {
        x.store(1, 'resetter: x = 1');
        t.reset(ms(5));
      });
      sim.spawn('waiter', function* () {
        yield* recv(t.C);
        x.load('waiter: read x');
      });
    };
    expect(racePairs(p)).toEqual(none());
  });

  it('time.After and context deadlines alike', () => {
    const p = (late: boolean) => (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      const y = new Shared(sim, 0, 'y');
      const chans: Array<ReturnType<Sim['after']>> = [];
      const ctxs: Array<ReturnType<typeof withTimeout>[0]> = [];
      sim.spawn('armer', function* () {
        if (!late) x.store(1, 'armer: x = 1');
        chans.push(sim.after(ms(3), 'after'));
        if (!late) y.store(1, 'armer: y = 1');
        ctxs.push(withTimeout(background(sim), ms(3), 'deadline')[0]);
        if (late) {
          x.store(1, 'armer: x = 1 late');
          y.store(1, 'armer: y = 1 late');
        }
      });
      sim.spawn('after-waiter', function* () {
        yield* sleep(ms(1));
        yield* recv(chans[0]!);
        x.load('after-waiter: read x');
      });
      sim.spawn('deadline-waiter', function* () {
        yield* sleep(ms(1));
        yield* recv(ctxs[0]!.done());
        y.load('deadline-waiter: read y');
      });
    };
    expect(racePairs(p(false))).toEqual(none());
    expect(racePairs(p(true))).toEqual(Array.from({ length: 6 }, () => ['after-waiter: read x / armer: x = 1 late', 'armer: y = 1 late / deadline-waiter: read y']));
  });

  it('a sleep orders nothing', () => {
    const p = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      sim.spawn('a', function* () {
        x.store(1, 'a: x = 1');
      });
      sim.spawn('b', function* () {
        yield* sleep(ms(10));
        x.load('b: read x after sleeping');
      });
    };
    expect(racePairs(p)).toEqual(one('a: x = 1 / b: read x after sleeping'));
  });
});
