/**
 * `sync.RWMutex` semantics as the Go documentation states them (pkg.go.dev/sync#RWMutex):
 * any number of readers or one writer; "If any goroutine calls Lock while the lock is
 * already held by one or more readers, concurrent calls to RLock will block until the
 * writer has acquired (and released) the lock"; recursive read locking is prohibited for
 * that reason; unlocking what is not locked is a run-time error.
 */
import { describe, expect, it } from 'vitest';
import { gosched, ms, RandomWalk, RWMutex, simulate, sleep } from './index.ts';

const rw = (seed = 1) => ({ strategy: new RandomWalk(seed) });

describe('sync.RWMutex', () => {
  it('readers share the lock: three readers hold it at once (Go: "held by an arbitrary number of readers")', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new RWMutex(sim, 'mu');
      const s = { inside: 0, max: 0 };
      for (let i = 0; i < 3; i++) {
        sim.spawn(`r${i}`, function* () {
          yield* mu.rLock();
          s.inside++;
          s.max = Math.max(s.max, s.inside);
          yield* sleep(ms(1));
          s.inside--;
          yield* mu.rUnlock();
        });
      }
      return s;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state.max).toBe(3);
  });

  it('a writer excludes readers and writers under every one of 200 seeds (Go: "a single writer")', () => {
    for (let seed = 0; seed < 200; seed++) {
      const r = simulate(rw(seed), (sim) => {
        const mu = new RWMutex(sim, 'mu');
        const s = { readers: 0, writers: 0, bad: 0 };
        for (let i = 0; i < 2; i++) {
          sim.spawn(`w${i}`, function* () {
            yield* mu.lock();
            s.writers++;
            if (s.readers > 0 || s.writers > 1) s.bad++;
            yield* gosched();
            s.writers--;
            yield* mu.unlock();
          });
          sim.spawn(`r${i}`, function* () {
            yield* mu.rLock();
            s.readers++;
            if (s.writers > 0) s.bad++;
            yield* gosched();
            s.readers--;
            yield* mu.rUnlock();
          });
        }
        return s;
      });
      expect(r.outcome.kind).toBe('ok');
      expect(r.state.bad).toBe(0);
    }
  });

  it('writer priority: a blocked Lock blocks a new RLock until the writer has acquired and released (Go doc, RWMutex)', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new RWMutex(sim, 'mu');
      const order: string[] = [];
      sim.spawn('reader1', function* () {
        yield* mu.rLock();
        order.push('r1 in');
        yield* sleep(ms(10));
        order.push('r1 out');
        yield* mu.rUnlock();
      });
      sim.spawn('writer', function* () {
        yield* sleep(ms(1));
        yield* mu.lock();
        order.push('w in');
        yield* sleep(ms(5));
        order.push('w out');
        yield* mu.unlock();
      });
      sim.spawn('reader2', function* () {
        yield* sleep(ms(2));
        yield* mu.rLock(); // reader1 still holds a read lock, but a writer waits
        order.push('r2 in');
        yield* mu.rUnlock();
      });
      return order;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual(['r1 in', 'r1 out', 'w in', 'w out', 'r2 in']);
  });

  it('recursive read locking deadlocks against a waiting writer (Go doc: "prohibits recursive read locking")', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new RWMutex(sim, 'mu');
      sim.spawn('reader', function* () {
        yield* mu.rLock();
        yield* sleep(ms(2));
        yield* mu.rLock();
        yield* mu.rUnlock();
        yield* mu.rUnlock();
      });
      sim.spawn('writer', function* () {
        yield* sleep(ms(1));
        yield* mu.lock();
        yield* mu.unlock();
      });
    });
    expect(r.outcome.kind).toBe('deadlock');
    expect(r.outcome.message).toContain('reader: recv on mu.rlock');
    expect(r.outcome.message).toContain('writer: recv on mu.lock');
  });

  it('Unlock admits the readers that queued behind the writer before the next writer (Go: readers woken, then rw.w released)', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new RWMutex(sim, 'mu');
      const order: string[] = [];
      sim.spawn('w1', function* () {
        yield* mu.lock();
        yield* sleep(ms(5));
        yield* mu.unlock();
      });
      sim.spawn('w2', function* () {
        yield* sleep(ms(1));
        yield* mu.lock();
        order.push('w2');
        yield* mu.unlock();
      });
      sim.spawn('r', function* () {
        yield* sleep(ms(2));
        yield* mu.rLock();
        order.push('r');
        yield* sleep(ms(1));
        yield* mu.rUnlock();
      });
      return order;
    });
    expect(r.outcome.kind).toBe('ok');
    expect(r.state).toEqual(['r', 'w2']);
  });

  it('RLocker locks for reading (Go: RWMutex.RLocker)', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new RWMutex(sim, 'mu');
      const l = mu.rLocker();
      const out = { readers: -1, write: true };
      sim.spawn('t', function* () {
        yield* l.lock();
        out.readers = mu.readerCount;
        out.write = mu.isWriteLocked;
        yield* l.unlock();
      });
      return out;
    });
    expect(r.state).toEqual({ readers: 1, write: false });
  });

  it('TryLock and TryRLock fail instead of blocking (Go 1.18: RWMutex.TryLock, TryRLock)', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new RWMutex(sim, 'mu');
      const got: boolean[] = [];
      got.push(mu.tryRLock(), mu.tryRLock(), mu.tryLock());
      return { got, readers: mu.readerCount };
    });
    expect(r.state).toEqual({ got: [true, true, false], readers: 2 });
  });

  it('RUnlock without a read lock is a fatal error (Go: "sync: RUnlock of unlocked RWMutex")', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new RWMutex(sim, 'mu');
      sim.spawn('bad', function* () {
        yield* mu.rUnlock();
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toContain('sync: RUnlock of unlocked RWMutex');
  });

  it('Unlock without the write lock is a fatal error, even while read-locked (Go: "sync: Unlock of unlocked RWMutex")', () => {
    const r = simulate(rw(), (sim) => {
      const mu = new RWMutex(sim, 'mu');
      sim.spawn('bad', function* () {
        yield* mu.rLock();
        yield* mu.unlock();
      });
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toContain('sync: Unlock of unlocked RWMutex');
  });
});
