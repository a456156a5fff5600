/**
 * Pooled resources and happens-before: a free (Go's `sync.Pool.Put` after `reset`) is
 * ordered before the next acquire of the same resource (`Get`), and `reset` writes the
 * fields it clears, so a read by another task that is not ordered before the free races
 * with it, on schedules where the read happens after the free and before it alike.
 */
import { describe, expect, it } from 'vitest';
import { ms, recv, send, sleep, TrackedPool, type Chan, type Handle, type Sim } from '../index.ts';
import { racePairs } from '../race/testing.ts';

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

  const handBack = (readAfterSend: boolean) => (sim: Sim): void => {
    const p = pool(sim);
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
  it('reading it after the hand-back races with the free’s reset, whichever runs first', () => {
    const pairs = racePairs(handBack(true), 12);
    expect(pairs).toEqual(Array.from({ length: 12 }, () => ['free: reset (caller: success) / worker: n.next after send']));
  });
});
