/**
 * The Go memory model's own examples of incorrect synchronisation (go.dev/ref/mem,
 * "Incorrect synchronization"), each beside its correct form: double-checked locking,
 * busy-waiting on a plain flag, and publishing through an unsynchronised pointer.
 */
import { describe, expect, it } from 'vitest';
import { AtomicInt, gosched, Mutex, recv, send, Shared, type Sim } from '../index.ts';
import { racePairs } from './testing.ts';

describe('double-checked locking', () => {
  // var a string; var done bool
  // func doprint() { if !done { mu.Lock(); if !done { a = "hello"; done = true }; mu.Unlock() }; print(a) }
  // go doprint(); go doprint()
  const prog = (checkOutsideLock: boolean) => (sim: Sim): void => {
    const a = new Shared(sim, '', 'a');
    const done = new Shared(sim, false, 'done');
    const mu = new Mutex(sim, 'mu');
    for (const name of ['p1', 'p2']) {
      sim.spawn(name, function* () {
        if (!checkOutsideLock || !done.load('doprint: if !done (outside the lock)')) {
          yield* mu.lock();
          if (!done.load('doprint: if !done (under the lock)')) {
            a.store('hello, world', 'setup: a = "hello, world"');
            yield* gosched();
            done.store(true, 'setup: done = true');
          }
          yield* mu.unlock();
        }
        a.load('doprint: print(a)');
      });
    }
  };

  it('checking done outside the lock races with the write of done, on every schedule', () => {
    const pairs = racePairs(prog(true), 20);
    for (const p of pairs) expect(p).toContain('doprint: if !done (outside the lock) / setup: done = true');
    // When the second goroutine sees done set without locking, it also reads a unsynchronised.
    expect(pairs.some((p) => p.includes('doprint: print(a) / setup: a = "hello, world"'))).toBe(true);
  });

  it('checking only under the lock: no race', () => expect(racePairs(prog(false), 20)).toEqual(Array.from({ length: 20 }, () => [])));
});

describe('busy-waiting on a plain flag', () => {
  // var a string; var done bool
  // func setup() { a = "hello, world"; done = true }
  // func main() { go setup(); for !done {}; print(a) }
  const prog = (atomic: boolean) => (sim: Sim): void => {
    const a = new Shared(sim, '', 'a');
    const plain = new Shared(sim, false, 'done');
    const flag = new AtomicInt(0, 'done');
    sim.spawn('main', function* () {
      sim.spawn('setup', function* () {
        a.store('hello, world', 'setup: a = "hello, world"');
        if (atomic) yield* flag.store(1);
        else plain.store(true, 'setup: done = true');
      });
      if (atomic) {
        while ((yield* flag.load()) === 0) yield* gosched();
      } else {
        while (!plain.load('main: for !done {}')) yield* gosched();
      }
      a.load('main: print(a)');
    });
  };
  it('races on done and on a', () =>
    expect(racePairs(prog(false))).toEqual(Array.from({ length: 6 }, () => ['main: for !done {} / setup: done = true', 'main: print(a) / setup: a = "hello, world"'])));
  it('with done an atomic (sync/atomic): no race', () => expect(racePairs(prog(true))).toEqual(Array.from({ length: 6 }, () => [])));
});

describe('publishing through an unsynchronised pointer', () => {
  // type T struct { msg string }; var g *T
  // func setup() { t := new(T); t.msg = "hello, world"; g = t }
  // func main() { go setup(); for g == nil {}; print(g.msg) }
  interface T {
    readonly msg: Shared<string>;
  }
  const prog = (viaChannel: boolean) => (sim: Sim): void => {
    const g = new Shared<T | null>(sim, null, 'g');
    const ch = sim.chan<T>(0, 'publish');
    sim.spawn('main', function* () {
      sim.spawn('setup', function* () {
        const t: T = { msg: new Shared(sim, '', 'g.msg') };
        t.msg.store('hello, world', 'setup: t.msg = "hello, world"');
        if (viaChannel) yield* send(ch, t);
        else g.store(t, 'setup: g = t');
      });
      let t: T | null;
      if (viaChannel) t = (yield* recv(ch)) as T;
      else {
        while ((t = g.load('main: for g == nil {}')) === null) yield* gosched();
      }
      t.msg.load('main: print(g.msg)');
    });
  };
  it('races on g and on g.msg', () =>
    expect(racePairs(prog(false))).toEqual(Array.from({ length: 6 }, () => ['main: for g == nil {} / setup: g = t', 'main: print(g.msg) / setup: t.msg = "hello, world"'])));
  it('publishing over a channel: no race', () => expect(racePairs(prog(true))).toEqual(Array.from({ length: 6 }, () => [])));
});
