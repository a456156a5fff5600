/**
 * sync and x/sync semantics: semaphore.Weighted, WaitGroup, Mutex, atomics.
 */
import { describe, expect, it } from 'vitest';
import { AtomicInt, background, Canceled, DeadlineExceeded, gosched, ms, Mutex, RandomWalk, simulate, sleep, WaitGroup, Weighted, withCancel, withTimeout } from './index.ts';

const rw = (seed = 1) => ({ strategy: new RandomWalk(seed) });

describe('semaphore.Weighted (x/sync semantics)', () => {
  it('waiters are served FIFO: a freed slot that fits a later small waiter is not given past a big head waiter (x/sync: no barging)', () => {
    for (let seed = 0; seed < 10; seed++) {
      const r = simulate(rw(seed), (sim) => {
        const sem = new Weighted(sim, 3, 'sem');
        const order: string[] = [];
        const bg = background(sim);
        sim.spawn('holder', function* () {
          expect(yield* sem.acquire(bg, 3)).toBeNull();
          yield* sleep(ms(5));
          sem.release(1); // one slot free: small1 would fit, but big is ahead of it
          yield* sleep(ms(5));
          sem.release(2);
        });
        const want: Array<[string, number, number]> = [['big', 2, 1], ['small1', 1, 2], ['small2', 1, 3]];
        for (const [n, w, delay] of want) {
          sim.spawn(n, function* () {
            yield* sleep(ms(delay));
            expect(yield* sem.acquire(bg, w)).toBeNull();
            order.push(`${n}@${sim.now}`);
            yield* sleep(ms(2));
            sem.release(w);
          });
        }
        return order;
      });
      expect(r.outcome.kind).toBe('ok');
      expect(r.state.slice(2)).toEqual(['small2@12000']);
      expect(r.state.slice(0, 2).sort()).toEqual(['big@10000', 'small1@10000']);
    }
  });

  it('acquire with an already-done context fails at once even if a slot is free (x/sync: ctx checked first)', () => {
    const r = simulate(rw(), (sim) => {
      const sem = new Weighted(sim, 5, 'sem');
      const [ctx, cancel] = withCancel(background(sim));
      cancel();
      const out = { err: null as unknown, held: -1 };
      sim.spawn('t', function* () {
        out.err = yield* sem.acquire(ctx, 1);
        out.held = sem.held;
      });
      return out;
    });
    expect(r.state).toEqual({ err: Canceled, held: 0 });
  });

  it('a context ending while waiting returns its error and leaves the semaphore unchanged (x/sync: waiter removed)', () => {
    const r = simulate(rw(), (sim) => {
      const sem = new Weighted(sim, 1, 'sem');
      const out = { err: null as unknown, heldAfter: -1, waitingAfter: -1, lateErr: null as unknown };
      sim.spawn('holder', function* () {
        yield* sem.acquire(background(sim));
        yield* sleep(ms(20));
        sem.release(1);
      });
      sim.spawn('waiter', function* () {
        yield* sleep(ms(1));
        const [ctx] = withTimeout(background(sim), ms(5));
        out.err = yield* sem.acquire(ctx);
        out.heldAfter = sem.held;
        out.waitingAfter = sem.waiting;
        yield* sleep(ms(30));
        out.lateErr = yield* sem.acquire(background(sim));
      });
      return out;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual({ err: DeadlineExceeded, heldAfter: 1, waitingAfter: 0, lateErr: null });
  });

  it('releasing more than held panics (x/sync: "semaphore: released more than held")', () => {
    const r = simulate(rw(), (sim) => {
      const sem = new Weighted(sim, 2, 'sem');
      sim.spawn('releaser', function* () {
        yield* sem.acquire(background(sim), 1);
        sem.release(2);
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toContain('semaphore: released more than held');
    expect(r.outcome.task).toContain('releaser');
  });
});

describe('sync.WaitGroup', () => {
  it('wait blocks until the counter reaches zero (Go: wg.Wait)', () => {
    const r = simulate(rw(), (sim) => {
      const wg = new WaitGroup(sim);
      const out = { at: -1 };
      sim.spawn('main', function* () {
        yield* wg.add(3);
        for (let i = 1; i <= 3; i++) {
          sim.spawn(`w${i}`, function* () {
            yield* sleep(ms(i));
            yield* wg.done();
          });
        }
        yield* wg.wait();
        out.at = sim.now;
      });
      return out;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state.at).toBe(ms(3));
  });

  it('a negative counter panics (Go: "sync: negative WaitGroup counter")', () => {
    const r = simulate(rw(), (sim) => {
      const wg = new WaitGroup(sim);
      sim.spawn('over-done', function* () {
        yield* wg.done();
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toContain('sync: negative WaitGroup counter');
    expect(r.outcome.task).toContain('over-done');
  });
});

describe('sync.Mutex', () => {
  it('excludes mutually across yields: no lost update under any of 200 seeds (Go: Lock/Unlock)', () => {
    for (let seed = 0; seed < 200; seed++) {
      const r = simulate(rw(seed), (sim) => {
        const mu = new Mutex(sim);
        const s = { counter: 0, inside: 0, maxInside: 0 };
        for (let i = 0; i < 3; i++) {
          sim.spawn(`inc${i}`, function* () {
            yield* mu.lock();
            s.inside++;
            s.maxInside = Math.max(s.maxInside, s.inside);
            const v = s.counter;
            yield* gosched();
            s.counter = v + 1;
            s.inside--;
            yield* mu.unlock();
          });
        }
        return s;
      });
      expect(r.outcome.kind).toBe('ok');
      expect(r.state).toEqual({ counter: 3, inside: 0, maxInside: 1 });
    }
  });

  it('unlock of an unlocked mutex panics (Go: "fatal error: sync: unlock of unlocked mutex")', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new Mutex(sim, 'mu');
      sim.spawn('bad', function* () {
        yield* mu.unlock();
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toContain('unlock of unlocked mutex');
    expect(r.outcome.task).toContain('bad');
  });
});

describe('sync/atomic', () => {
  it('every atomic op is a scheduling point, so interleavings around it are explored (Go: atomics are sync points)', () => {
    const r = simulate(rw(), (sim) => {
      const a = new AtomicInt(0, 'n');
      sim.spawn('a', function* () {
        yield* a.add(1);
        yield* a.load();
        yield* a.store(5);
        yield* a.compareAndSwap(5, 6);
      });
      sim.spawn('b', function* () {
        yield* a.add(1);
      });
      return a;
    });
    expect(r.outcome.kind).toBe('ok');
    // Yield events: one per atomic op.
    const yields = r.trace.events().filter((e) => e.op === 5);
    expect(yields).toHaveLength(5);
    // Each op is a separate step, so the scheduler had a choice before each while both were runnable.
    expect(r.decisions.length).toBeGreaterThanOrEqual(2);
    expect(r.state.peek()).toBe(6);
  });
});
