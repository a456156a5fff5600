/**
 * Happens-before through `sync.RWMutex`, `sync.Cond`, `sync.Once` and `time.Ticker`, as
 * Go's race annotations (and, for Cond, the memory model) give it: synchronised, no race;
 * the synchronisation removed, exactly one race naming both sites.
 */
import { describe, expect, it } from 'vitest';
import { Cond, gosched, ms, Mutex, newTicker, Once, recv, RWMutex, Shared, sleep, type Sim, type Ticker } from '../index.ts';
import { racePairs as pairsOver } from './testing.ts';

const racePairs = (p: (sim: Sim) => void): string[][] => pairsOver(p, 10);

const none = (n = 10): string[][] => Array.from({ length: n }, () => []);
const one = (pair: string, n = 10): string[][] => Array.from({ length: n }, () => [pair]);

describe('RWMutex: Unlock happens before every later RLock', () => {
  const prog = (rlocks: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const rw = new RWMutex(sim, 'rw');
    sim.spawn('writer', function* () {
      yield* rw.lock();
      x.store(1, 'writer: x = 1 under Lock');
      yield* sleep(ms(2)); // r1 arrives while it is held (and blocks), r2 after the Unlock
      yield* rw.unlock();
    });
    for (const r of ['r1', 'r2']) {
      sim.spawn(r, function* () {
        yield* sleep(ms(r === 'r1' ? 1 : 3));
        if (rlocks || r === 'r1') yield* rw.rLock();
        x.load(r === 'r1' ? 'r1: read x under RLock' : 'r2: read x');
        if (rlocks || r === 'r1') yield* rw.rUnlock();
      });
    }
  };
  it('both readers take the read lock: no race', () => expect(racePairs(prog(true))).toEqual(none()));
  it('one reader skips it: one race', () => expect(racePairs(prog(false))).toEqual(one('r2: read x / writer: x = 1 under Lock')));
});

describe('RWMutex: Unlock happens before every later Lock', () => {
  const prog = (locked: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const rw = new RWMutex(sim, 'rw');
    for (const name of ['a', 'b', 'c']) {
      sim.spawn(name, function* () {
        if (locked || name !== 'c') yield* rw.lock();
        x.store(1, name === 'c' ? 'c: x = 1' : 'a or b: x = 1 under Lock');
        yield* gosched();
        if (locked || name !== 'c') yield* rw.unlock();
      });
    }
  };
  it('every writer holds the write lock (contended or not): no race', () => expect(racePairs(prog(true))).toEqual(none()));
  it('one writer skips it: one race', () => expect(racePairs(prog(false))).toEqual(one('a or b: x = 1 under Lock / c: x = 1')));
});

describe('RWMutex: every RUnlock happens before every later Lock', () => {
  const prog = (locked: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const y = new Shared(sim, 0, 'y');
    const rw = new RWMutex(sim, 'rw');
    for (const [r, cell] of [['r1', x], ['r2', y]] as const) {
      sim.spawn(r, function* () {
        yield* rw.rLock();
        cell.load(`${r}: read under RLock`);
        yield* gosched(); // the writer may arrive and drain on some seeds
        yield* rw.rUnlock();
      });
    }
    sim.spawn('writer', function* () {
      yield* gosched();
      if (locked) yield* rw.lock();
      else yield* sleep(ms(1));
      x.store(1, 'writer: x = 1');
      y.store(1, 'writer: y = 1');
      if (locked) yield* rw.unlock();
    });
  };
  it('the writer locks after both readers left, not only the last: no race', () => expect(racePairs(prog(true))).toEqual(none()));
  it('without Lock: the writes race with both reads', () =>
    expect(racePairs(prog(false))).toEqual(Array.from({ length: 10 }, () => ['r1: read under RLock / writer: x = 1', 'r2: read under RLock / writer: y = 1'])));

  it('readers are not ordered with each other: a write under RLock races with another reader', () => {
    const p = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      const rw = new RWMutex(sim, 'rw');
      sim.spawn('r1', function* () {
        yield* rw.rLock();
        x.store(1, 'r1: x = 1 under RLock');
        yield* rw.rUnlock();
      });
      sim.spawn('r2', function* () {
        yield* sleep(ms(1)); // after r1's RUnlock: still no edge between readers
        yield* rw.rLock();
        x.load('r2: read x under RLock');
        yield* rw.rUnlock();
      });
    };
    expect(racePairs(p)).toEqual(one('r1: x = 1 under RLock / r2: read x under RLock'));
  });
});

describe('Cond: Signal and Broadcast happen before the Wait they wake', () => {
  /** The waiters park without the signaller ever touching L, so only the Cond's own edge can order. */
  const prog = (how: 'signal' | 'broadcast', writeFirst: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const mu = new Mutex(sim, 'L');
    const c = new Cond(sim, mu, 'c');
    const waiters = how === 'signal' ? ['w1'] : ['w1', 'w2'];
    for (const w of waiters) {
      sim.spawn(w, function* () {
        yield* mu.lock();
        yield* c.wait();
        yield* mu.unlock();
        x.load(`${w}: read x after Wait`);
      });
    }
    sim.spawn('signaller', function* () {
      while (c.waiting < waiters.length) yield* sleep(ms(1));
      if (writeFirst) x.store(1, 'signaller: x = 1');
      if (how === 'signal') yield* c.signal();
      else yield* c.broadcast();
      if (!writeFirst) x.store(1, 'signaller: x = 1 after waking');
    });
  };
  it('a write before Signal: no race', () => expect(racePairs(prog('signal', true))).toEqual(none()));
  it('a write after Signal: one race', () => expect(racePairs(prog('signal', false))).toEqual(one('signaller: x = 1 after waking / w1: read x after Wait')));
  it('a write before Broadcast: no race in either woken Wait', () => expect(racePairs(prog('broadcast', true))).toEqual(none()));
  it('a write after Broadcast: one race per woken reader', () =>
    expect(racePairs(prog('broadcast', false))).toEqual(
      Array.from({ length: 10 }, () => ['signaller: x = 1 after waking / w1: read x after Wait', 'signaller: x = 1 after waking / w2: read x after Wait']),
    ));

  it('the usual pattern (change the condition under L, then signal) is ordered by L as well', () => {
    const p = (sim: Sim): void => {
      const ready = new Shared(sim, false, 'ready');
      const mu = new Mutex(sim, 'L');
      const c = new Cond(sim, mu, 'c');
      sim.spawn('waiter', function* () {
        yield* mu.lock();
        while (!ready.load('waiter: read ready')) yield* c.wait();
        yield* mu.unlock();
      });
      sim.spawn('signaller', function* () {
        yield* mu.lock();
        ready.store(true, 'signaller: ready = true');
        yield* mu.unlock();
        yield* c.signal();
      });
    };
    expect(racePairs(p)).toEqual(none());
  });
});

describe('Once: f happens before every Do returns', () => {
  const prog = (allDo: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const once = new Once(sim, 'once');
    const init = function* () {
      x.store(1, 'f: x = 1');
      yield* gosched(); // other Do callers arrive while f runs on some seeds (they wait)
    };
    for (const name of ['a', 'b', 'c']) {
      sim.spawn(name, function* () {
        if (allDo || name !== 'c') yield* once.do(init);
        else yield* sleep(ms(1));
        x.load(name === 'c' ? 'c: read x' : 'a or b: read x after Do');
      });
    }
    sim.spawn('late', function* () {
      yield* sleep(ms(2));
      yield* once.do(init); // the fast path: done already
      x.load('a or b: read x after Do');
    });
  };
  it('every reader calls Do (the runner, waiters and the fast path): no race', () => expect(racePairs(prog(true))).toEqual(none()));
  it('one reader skips Do: one race', () => expect(racePairs(prog(false))).toEqual(one('c: read x / f: x = 1')));
});

describe('Ticker: each tick carries the clock NewTicker (or Reset) was called with', () => {
  const prog = (writeAfter: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    let ticker: Ticker | null = null;
    sim.spawn('owner', function* () {
      sim.spawn('receiver', function* () {
        yield* sleep(ms(1)); // started before the write: only the tick may order it
        const t = ticker;
        if (t === null) throw new Error('no ticker');
        yield* recv(t.C);
        yield* recv(t.C); // a tick armed by the previous fire carries the same clock
        t.stop();
        x.load('receiver: read x');
      });
      if (!writeAfter) x.store(1, 'owner: x = 1');
      ticker = newTicker(sim, ms(5), 'tick');
      if (writeAfter) x.store(1, 'owner: x = 1 after NewTicker');
    });
  };
  it('a write before NewTicker: no race', () => expect(racePairs(prog(false))).toEqual(none()));
  it('a write after NewTicker: one race', () => expect(racePairs(prog(true))).toEqual(one('owner: x = 1 after NewTicker / receiver: read x')));
});
