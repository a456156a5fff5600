/**
 * Go maps shared between goroutines: unsynchronised writes are Go's fatal
 * `concurrent map writes`, a write unordered with a read `concurrent map read and map
 * write`; under a mutex, neither.
 */
import { describe, expect, it } from 'vitest';
import { GoMap, Mutex, RandomWalk, simulate, sleep, ms, type Sim } from '../index.ts';

function run(program: (sim: Sim) => void, seed = 0) {
  return simulate({ strategy: new RandomWalk(seed) }, program);
}

describe('GoMap', () => {
  it('two unsynchronised writers: fatal error: concurrent map writes (and the race is recorded)', () => {
    const r = run((sim) => {
      const m = new GoMap<string, number>(sim, 'sessions');
      for (const name of ['a', 'b']) {
        sim.spawn(name, function* () {
          yield* sleep(ms(1));
          m.set(name, 1, `${name}: sessions[${name}] = 1`);
        });
      }
    });
    expect(r.outcome.kind).toBe('panic');
    expect(r.outcome.message).toContain('fatal error: concurrent map writes');
    expect(r.races.map((x) => x.location)).toEqual(['map sessions']);
  });

  it('a reader unordered with a writer: fatal error: concurrent map read and map write', () => {
    const r = run((sim) => {
      const m = new GoMap<string, number>(sim, 'sessions');
      sim.spawn('writer', function* () {
        m.set('k', 1, 'writer: sessions[k] = 1');
      });
      sim.spawn('reader', function* () {
        yield* sleep(ms(1));
        m.get('k', 'reader: sessions[k]');
      });
    });
    expect(r.outcome.message).toContain('fatal error: concurrent map read and map write');
  });

  it('under a mutex: no race, no fatal error', () => {
    for (let seed = 0; seed < 5; seed++) {
      const r = run((sim) => {
        const m = new GoMap<string, number>(sim, 'sessions');
        const mu = new Mutex(sim, 'mu');
        for (const name of ['a', 'b', 'c']) {
          sim.spawn(name, function* () {
            yield* mu.lock();
            m.set(name, (m.get('n', `${name}: read`) ?? 0) + 1, `${name}: write`);
            yield* mu.unlock();
          });
        }
      }, seed);
      expect(r.outcome.kind).toBe('ok');
      expect(r.races).toEqual([]);
    }
  });

  it('iteration order is a decision', () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      run((sim) => {
        const m = new GoMap<number, number>(sim, 'm');
        sim.spawn('t', function* () {
          for (let i = 0; i < 4; i++) m.set(i, i, 't: set');
          orders.add(m.keys('t: range').join(','));
        });
      }, seed);
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});
