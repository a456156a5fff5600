/**
 * `sync.Cond` semantics (pkg.go.dev/sync#Cond.Wait): "Wait atomically unlocks c.L and
 * suspends execution of the calling goroutine. After later resuming execution, Wait locks
 * c.L before returning." Signal wakes one waiting goroutine, Broadcast all; neither
 * requires L to be held, and a signal with nobody waiting is not remembered.
 */
import { describe, expect, it } from 'vitest';
import { Cond, ms, Mutex, RandomWalk, RWMutex, simulate, sleep } from './index.ts';

const rw = (seed = 1) => ({ strategy: new RandomWalk(seed) });

describe('sync.Cond', () => {
  it('Wait releases L while waiting and holds it again when it returns (Go: Cond.Wait)', () => {
    for (let seed = 0; seed < 50; seed++) {
      const r = simulate(rw(seed), (sim) => {
        const mu = new Mutex(sim, 'mu');
        const c = new Cond(sim, mu, 'c');
        const s = { ready: false, lockedOnReturn: false, order: [] as string[] };
        sim.spawn('waiter', function* () {
          yield* mu.lock();
          while (!s.ready) yield* c.wait();
          s.lockedOnReturn = mu.isLocked;
          s.order.push('waiter');
          yield* mu.unlock();
        });
        sim.spawn('setter', function* () {
          yield* sleep(ms(1));
          yield* mu.lock(); // only possible because the waiter released L
          s.ready = true;
          yield* c.signal();
          s.order.push('setter');
          yield* mu.unlock(); // the waiter needs L back before Wait returns
        });
        return s;
      });
      expect(r.outcome.kind).toBe('ok');
      expect(r.state.lockedOnReturn).toBe(true);
      expect(r.state.order).toEqual(['setter', 'waiter']);
    }
  });

  it('a Signal between joining the wait list and parking still wakes the waiter (Go: notify-list ticket taken before Unlock)', () => {
    // The signaller can first run at the scheduling point inside Wait's Unlock, after the
    // waiter joined the list: under every seed the wake-up lands and nothing deadlocks.
    for (let seed = 0; seed < 50; seed++) {
      const r = simulate(rw(seed), (sim) => {
        const mu = new Mutex(sim, 'mu');
        const c = new Cond(sim, mu, 'c');
        sim.spawn('waiter', function* () {
          yield* mu.lock();
          sim.spawn('signaller', function* () {
            yield* c.signal();
          });
          yield* c.wait();
          yield* mu.unlock();
        });
      });
      expect(r.outcome.kind).toBe('ok');
    }
  });

  it('Signal wakes exactly one waiter, the oldest; Broadcast wakes the rest (Go: Cond.Signal, Cond.Broadcast)', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new Mutex(sim, 'mu');
      const c = new Cond(sim, mu, 'c');
      const woke: string[] = [];
      for (const [n, d] of [['a', 1], ['b', 2], ['c', 3]] as const) {
        sim.spawn(n, function* () {
          yield* sleep(ms(d));
          yield* mu.lock();
          yield* c.wait();
          woke.push(`${n}@${sim.now / 1000}`);
          yield* mu.unlock();
        });
      }
      sim.spawn('notifier', function* () {
        yield* sleep(ms(10));
        yield* c.signal();
        yield* sleep(ms(10));
        yield* c.broadcast();
      });
      return woke;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state[0]).toBe('a@10');
    expect(r.state.slice(1).sort()).toEqual(['b@20', 'c@20']);
  });

  it('a Signal with nobody waiting is lost: a later Wait blocks forever (Go: no memory in Cond)', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new Mutex(sim, 'mu');
      const c = new Cond(sim, mu, 'c');
      sim.spawn('early', function* () {
        yield* c.signal();
      });
      sim.spawn('late', function* () {
        yield* sleep(ms(1));
        yield* mu.lock();
        yield* c.wait();
        yield* mu.unlock();
      });
    });
    expect(r.outcome.kind).toBe('deadlock');
    expect(r.outcome.message).toContain('late: recv on c.wait');
  });

  it('Wait over an RWMutex read locker releases and retakes the read lock (Go: NewCond(rw.RLocker()))', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new RWMutex(sim, 'mu');
      const c = new Cond(sim, mu.rLocker(), 'c');
      const out = { readersWhileWaiting: -1, readersAfter: -1 };
      sim.spawn('waiter', function* () {
        yield* c.L.lock();
        yield* c.wait();
        out.readersAfter = mu.readerCount;
        yield* c.L.unlock();
      });
      sim.spawn('signaller', function* () {
        yield* sleep(ms(1));
        out.readersWhileWaiting = mu.readerCount;
        yield* c.broadcast();
      });
      return out;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual({ readersWhileWaiting: 0, readersAfter: 1 });
  });

  it('Wait without L held is the Locker\'s fatal error (Go: "sync: unlock of unlocked mutex")', () => {
    const r = simulate(rw(), (sim) => {
      const c = new Cond(sim, new Mutex(sim, 'mu'), 'c');
      sim.spawn('bad', function* () {
        yield* c.wait();
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toContain('sync: unlock of unlocked mutex');
  });
});
