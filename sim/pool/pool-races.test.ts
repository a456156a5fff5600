/**
 * Pooled resources and happens-before: a free (Go's `sync.Pool.Put` after `reset`) is
 * ordered before the next acquire of the same resource (`Get`), and `reset` writes the
 * fields it clears, so a read by another task that is not ordered before the free races
 * with it when the read runs first; when the free runs first the read goes through a
 * freed handle, which is the use-after-free (one bug, reported once, not again as a race).
 */
import { describe, expect, it } from 'vitest';
import { ms, recv, send, sleep, TrackedPool, type Chan, type Handle, type Sim } from '../index.ts';
import { racePairs, racesOf, sitePair } from '../race/testing.ts';

const racesAndPool = (prog: (sim: Sim) => void, seed: number): string[] => racesOf(prog, seed).map(sitePair).sort();

interface Node {
  next: number;
  buf: string;
}

function pool(sim: Sim): TrackedPool<Node> {
  return new TrackedPool<Node>(sim, { make: () => ({ next: 0, buf: '' }), reset: (n) => Object.assign(n, { next: 0, buf: '' }), noun: 'node', resetWrites: ['next', 'buf'] }, 'nodes');
}

describe('TrackedPool and happens-before', () => {
  it('a free happens before the next acquire of the same resource (Put then Get)', () => {
    const prog = (sim: Sim): void => {
      const p = pool(sim);
      sim.spawn('first', function* () {
        const h = p.acquire('first');
        p.write(h, 'buf', 'a', 'first: write buf');
        p.release(h, 'first done');
      });
      sim.spawn('second', function* () {
        yield* sleep(ms(1));
        const h = p.acquire('second'); // the same resource, LIFO
        p.write(h, 'buf', 'b', 'second: write buf');
        p.release(h, 'second done');
      });
    };
    expect(racePairs(prog)).toEqual(Array.from({ length: 6 }, () => []));
  });

  const handBack = (readAfterSend: boolean, seen?: (p: TrackedPool<Node>) => void) => (sim: Sim): void => {
    const p = pool(sim);
    seen?.(p);
    const work = sim.chan<Handle<Node>>(1, 'work');
    const resp: Chan<number> = sim.chan<number>(1, 'resp');
    sim.spawn('owner', function* () {
      const h = p.acquire('owner');
      p.write(h, 'next', 7, 'owner: n.next = 7');
      yield* send(work, h);
      yield* recv(resp);
      p.release(h, 'caller: success');
    });
    sim.spawn('worker', function* () {
      const h = (yield* recv(work)) as Handle<Node>;
      if (!readAfterSend) p.read(h, 'next', 'worker: n.next before send');
      yield* send(resp, 1);
      if (readAfterSend) p.read(h, 'next', 'worker: n.next after send');
    });
  };
  it('reading a field before handing the resource back: no race', () => expect(racePairs(handBack(false))).toEqual(Array.from({ length: 6 }, () => [])));
  it('reading it after the hand-back races with the free’s reset when the read runs first; after the free it is the use-after-free only', () => {
    let raced = 0;
    let uaf = 0;
    for (let seed = 0; seed < 12; seed++) {
      let pool: TrackedPool<Node> | null = null;
      const r = racesAndPool(handBack(true, (p) => (pool = p)), seed);
      const freedFirst = (pool as TrackedPool<Node> | null)?.violations.some((v) => v.kind === 'use-after-free') ?? false;
      if (freedFirst) uaf++;
      else raced++;
      expect(r).toEqual(freedFirst ? [] : ['free: reset (caller: success) / worker: n.next after send']);
    }
    expect(raced).toBeGreaterThan(0);
    expect(uaf).toBeGreaterThan(0);
  });
});
