/**
 * Upstream's dispatch tests (spec §7.1 D1–D4, §7.2 L1–L2) on an unstarted bulker, with the
 * stronger assertions the spec suggests: identity of the reused block and free counts.
 */
import { describe, expect, it } from 'vitest';
import { Canceled, recv, sleep, withCancel } from '../sim/index.ts';
import { Action, type Blk } from './block.ts';
import { dispatch } from './dispatch.ts';
import { drainAndFreeAbortedBlk } from './drain.ts';
import { ErrTooManyBulkDispatches } from './errors.ts';
import { go, world } from './testing/harness.ts';
import { VARIANT_NAMES, VARIANTS } from './variants.ts';

function searchBlock(w: ReturnType<typeof world>): Blk {
  const h = w.bulker.pool.acquire('test');
  const d = w.bulker.pool.use(h, 'buf');
  d.action = Action.search;
  d.buf = '{"index": "i"}\n{}\n';
  return h;
}

describe.each(VARIANT_NAMES)('%s', (v) => {
  const fixed = VARIANTS[v].freeOnAbortQueue;

  it('D1 abort in the first select frees the block (the same block comes back)', () => {
    const w = world(v, { options: { blockQueueSz: 1 } });
    w.bulker.ch.trySend(w.bulker.pool.unpooled('dummy'));
    const [ctx, cancel] = withCancel(w.bg);
    cancel();
    const h = searchBlock(w);
    const r = go(w.sim, 'dispatcher', () => dispatch(w.bulker, ctx, h));
    w.sim.run();
    expect(r.value?.err).toBe(Canceled);
    const freed = w.bulker.pool.stats.freed;
    const next = w.bulker.pool.acquire('test');
    if (fixed) {
      expect(freed).toBe(1);
      expect(next.resource).toBe(h.resource);
      expect(next.gen).toBe(h.gen + 1);
      expect(w.bulker.pool.use(next, 'buf').buf).toBe('');
      expect(w.bulker.pool.use(next, 'action').action).toBe(0);
    } else {
      expect(freed).toBe(0);
      expect(next.resource).not.toBe(h.resource); // the vacuous Go check would still pass here
      expect(w.bulker.pool.use(next, 'buf').buf).toBe('');
    }
  });

  it('D2 abort in the second select: a late response reaches the drain', () => {
    const w = world(v, { options: { blockQueueSz: 1 } });
    const [ctx, cancel] = withCancel(w.bg);
    const h = searchBlock(w);
    const r = go(w.sim, 'dispatcher', () => dispatch(w.bulker, ctx, h));
    go(w.sim, 'helper', function* () {
      const got = (yield* recv(w.bulker.ch)) as Blk;
      expect(got).toBe(h);
      cancel();
      yield* sleep(10);
      w.bulker.pool.use(got, 'ch').ch.trySend({ err: null, idx: 0, data: null });
    });
    w.sim.run();
    expect(r.value?.err).toBe(Canceled);
    expect(w.bulker.pool.stats.freed).toBe(VARIANTS[v].drainOnAbortResponse ? 1 : 0);
  });

  it('D3 drain with the response already buffered frees at once', () => {
    const w = world(v);
    const h = searchBlock(w);
    const ch = w.bulker.pool.use(h, 'ch').ch;
    ch.trySend({ err: null, idx: 0, data: null });
    w.sim.spawn('drain', () => drainAndFreeAbortedBlk(w.bulker, h, ch));
    const res = w.sim.run();
    expect(res.time).toBe(0);
    expect(h.resource.state).toBe('freed');
    expect(h.resource.data.action).toBe(0);
    expect(h.resource.data.buf).toBe('');
  });

  it('D4 success: dispatch frees nothing', () => {
    const w = world(v, { options: { blockQueueSz: 1 } });
    const h = searchBlock(w);
    const r = go(w.sim, 'dispatcher', () => dispatch(w.bulker, w.bg, h));
    go(w.sim, 'helper', function* () {
      const got = (yield* recv(w.bulker.ch)) as Blk;
      w.bulker.pool.use(got, 'ch').ch.trySend({ err: null, idx: 0, data: null });
    });
    w.sim.run();
    expect(r.value?.err).toBeNull();
    expect(w.bulker.pool.stats.freed).toBe(0);
  });

  it('L1 the limit counts waiters in both selects and rejects the third', () => {
    const w = world(v, { options: { blockQueueSz: 3, maxPendingBulkDispatches: 2 } });
    for (let i = 0; i < 2; i++) w.bulker.ch.trySend(w.bulker.pool.unpooled(`dummy${i}`));
    const a = searchBlock(w);
    const b = searchBlock(w);
    const ra = go(w.sim, 'd1', () => dispatch(w.bulker, w.bg, a));
    const rb = go(w.sim, 'd2', () => dispatch(w.bulker, w.bg, b));
    const third: { err?: unknown; freedBefore?: number; freedAfter?: number } = {};
    go(w.sim, 'test', function* () {
      while (w.bulker.pendingDispatches.peek() < 2) yield* sleep(1);
      const c = searchBlock(w);
      third.freedBefore = w.bulker.pool.stats.freed;
      third.err = (yield* dispatch(w.bulker, w.bg, c)).err;
      third.freedAfter = w.bulker.pool.stats.freed;
      for (let i = 0; i < 2; i++) yield* recv(w.bulker.ch);
      for (let i = 0; i < 2; i++) {
        const got = (yield* recv(w.bulker.ch)) as Blk;
        w.bulker.pool.use(got, 'ch').ch.trySend({ err: null, idx: 0, data: null });
      }
    });
    w.sim.run();
    expect(third.err).toBe(ErrTooManyBulkDispatches);
    expect((third.freedAfter ?? 0) - (third.freedBefore ?? 0)).toBe(1);
    expect(ra.value?.err).toBeNull();
    expect(rb.value?.err).toBeNull();
    expect(w.bulker.pendingDispatches.peek()).toBe(0);
  });

  it.each([10, 0])('L2 below the limit (%i) succeeds and the counter returns to 0', (limit) => {
    const w = world(v, { options: { blockQueueSz: 1, maxPendingBulkDispatches: limit } });
    const r = go(w.sim, 'dispatcher', () => dispatch(w.bulker, w.bg, searchBlock(w)));
    go(w.sim, 'helper', function* () {
      const got = (yield* recv(w.bulker.ch)) as Blk;
      w.bulker.pool.use(got, 'ch').ch.trySend({ err: null, idx: 0, data: null });
    });
    w.sim.run();
    expect(r.value?.err).toBeNull();
    expect(w.bulker.pendingDispatches.peek()).toBe(0);
  });
});
