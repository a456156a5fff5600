/**
 * Happens-before through `sync` and `x/sync` (go.dev/ref/mem "Locks", the WaitGroup and
 * atomic rules, x/sync's semaphore): synchronised, no race; the synchronisation removed,
 * exactly one race naming both sites.
 */
import { describe, expect, it } from 'vitest';
import { AtomicInt, background, gosched, ms, Mutex, Shared, sleep, WaitGroup, Weighted, type Sim } from '../index.ts';
import { racePairs } from './testing.ts';

const none = (n = 6): string[][] => Array.from({ length: n }, () => []);
const one = (pair: string, n = 6): string[][] => Array.from({ length: n }, () => [pair]);

describe('sync.Mutex: the n-th Unlock happens before the (n+1)-th Lock returns', () => {
  const prog = (locked: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const mu = new Mutex(sim, 'mu');
    for (const name of ['a', 'b', 'c']) {
      sim.spawn(name, function* () {
        if (locked || name !== 'c') yield* mu.lock();
        x.store(1, name === 'c' ? 'c: x = 1' : 'a or b: x = 1 under the lock');
        yield* gosched(); // hold it across a scheduling point: contention on some seeds
        if (locked || name !== 'c') yield* mu.unlock();
      });
    }
  };
  it('every writer holds the lock (contended or not): no race', () => expect(racePairs(prog(true), 10)).toEqual(none(10)));
  it('one writer skips the lock: one race', () => expect(racePairs(prog(false), 10)).toEqual(one('a or b: x = 1 under the lock / c: x = 1', 10)));
});

describe('sync.WaitGroup: every Done happens before the Wait it releases', () => {
  const prog = (waits: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const y = new Shared(sim, 0, 'y');
    const wg = new WaitGroup(sim, 'wg');
    sim.spawn('main', function* () {
      yield* wg.add(2);
      sim.spawn('w1', function* () {
        x.store(1, 'w1: x = 1');
        yield* wg.done();
      });
      sim.spawn('w2', function* () {
        yield* sleep(ms(1));
        y.store(1, 'w2: y = 1');
        yield* wg.done();
      });
      if (waits) yield* wg.wait();
      else yield* sleep(ms(2));
      x.load('main: read x');
      y.load('main: read y');
    });
  };
  it('both Dones, not only the last, are ordered before Wait: no race', () => expect(racePairs(prog(true))).toEqual(none()));
  it('without Wait: the reads race with both writes', () =>
    expect(racePairs(prog(false))).toEqual(Array.from({ length: 6 }, () => ['main: read x / w1: x = 1', 'main: read y / w2: y = 1'])));

  it('an Add from zero concurrent with a blocking Wait is a race on the WaitGroup (as go test -race reports it)', () => {
    const p = (sim: Sim): void => {
      const wg = new WaitGroup(sim, 'wg');
      sim.spawn('main', function* () {
        sim.spawn('worker', function* () {
          yield* wg.add(1); // should have been done by main before `go`
          yield* sleep(ms(2));
          yield* wg.done();
        });
        yield* sleep(ms(1));
        yield* wg.wait();
      });
    };
    expect(racePairs(p)).toEqual(one('wg.Add (from zero) / wg.Wait'));
  });
});

describe('sync/atomic: an atomic that observes a store synchronises with it', () => {
  const prog = (atomicFlag: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const flag = new AtomicInt(0, 'ready');
    sim.spawn('publisher', function* () {
      x.store(42, 'publisher: x = 42');
      if (atomicFlag) yield* flag.store(1);
      else yield* sleep(ms(1));
    });
    sim.spawn('consumer', function* () {
      if (atomicFlag) {
        while ((yield* flag.load()) === 0) yield* sleep(ms(1));
      } else yield* sleep(ms(2));
      x.load('consumer: read x');
    });
  };
  it('publish through an atomic store, read after an atomic load that saw it: no race', () => expect(racePairs(prog(true))).toEqual(none()));
  it('without the atomic: one race', () => expect(racePairs(prog(false))).toEqual(one('consumer: read x / publisher: x = 42')));

  it('read-modify-writes form a chain (Add after Add sees both earlier writers)', () => {
    const p = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      const y = new Shared(sim, 0, 'y');
      const n = new AtomicInt(0, 'n');
      sim.spawn('a', function* () {
        x.store(1, 'a: x = 1');
        yield* n.add(1);
      });
      sim.spawn('b', function* () {
        y.store(1, 'b: y = 1');
        yield* n.add(1);
      });
      sim.spawn('c', function* () {
        while ((yield* n.load()) < 2) yield* sleep(ms(1));
        x.load('c: read x');
        y.load('c: read y');
      });
    };
    expect(racePairs(p)).toEqual(none());
  });

  it('a load does not release: a later load learns nothing from an earlier one', () => {
    const p = (sim: Sim): void => {
      const x = new Shared(sim, 0, 'x');
      const n = new AtomicInt(0, 'n');
      sim.spawn('a', function* () {
        x.store(1, 'a: x = 1');
        yield* n.load();
      });
      sim.spawn('b', function* () {
        yield* sleep(ms(1));
        yield* n.load();
        x.load('b: read x');
      });
    };
    expect(racePairs(p)).toEqual(one('a: x = 1 / b: read x'));
  });
});

describe('semaphore.Weighted: a Release happens before the Acquire it unblocks', () => {
  const prog = (sem: boolean) => (sim: Sim): void => {
    const x = new Shared(sim, 0, 'x');
    const w = new Weighted(sim, 1, 'sem');
    const bg = background(sim);
    sim.spawn('holder', function* () {
      if (sem) expect(yield* w.acquire(bg, 1)).toBeNull();
      x.store(1, 'holder: x = 1');
      yield* sleep(ms(2));
      if (sem) w.release(1);
    });
    sim.spawn('waiter', function* () {
      yield* sleep(ms(1));
      if (sem) expect(yield* w.acquire(bg, 1)).toBeNull(); // blocks until the holder releases
      else yield* sleep(ms(2));
      x.store(2, 'waiter: x = 2');
      if (sem) w.release(1);
    });
  };
  it('the waiter acquires after the holder released: no race', () => expect(racePairs(prog(true))).toEqual(none()));
  it('without the semaphore: one race', () => expect(racePairs(prog(false))).toEqual(one('holder: x = 1 / waiter: x = 2')));
});
