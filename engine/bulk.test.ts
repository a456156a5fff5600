/**
 * Upstream's bulk tests (spec §7.3 B1, B3), the flush benchmarks' routing (§7.4), enroll
 * dedupe (§7.6), and the API-key loop's read of `next` after the send.
 */
import { describe, expect, it } from 'vitest';
import { Canceled, recv, sec, sleep, withCancel, type Context, type GoError } from '../sim/index.ts';
import { Action, type Blk, type Resp } from './block.ts';
import { ErrEnrollDuplicate } from './errors.ts';
import { flushUpdateAPIKey } from './flush-apikey.ts';
import { flushRead } from './flush-read.ts';
import { flushSearch } from './flush-search.ts';
import { QueueType, type Queue } from './queue.ts';
import { fate, go, world } from './testing/harness.ts';
import { LabelChooser } from './testing/label-chooser.ts';
import { bulkReply, mgetReply, msearchReply } from './testing/scripted-transport.ts';
import { VARIANT_NAMES, VARIANTS } from './variants.ts';

describe('B1 TestCancelCtx: every operation with a pre-cancelled ctx returns Canceled', () => {
  const ops = ['create', 'read', 'update', 'delete', 'index', 'search', 'mcreate', 'mindex', 'mupdate', 'mdelete'] as const;
  describe.each(VARIANT_NAMES)('%s', (v) => {
    it.each([0, 1])('first-select branch %i (0: enqueue then abort, 1: abort before enqueue)', (branch) => {
      const w = world(v, { strategy: new LabelChooser({ select: Array(20).fill(branch) }) });
      const [ctx, cancel] = withCancel(w.bg);
      cancel();
      const b = w.bulker;
      const calls: Record<string, (c: Context) => Generator<never, { err: GoError | null }, unknown>> = {
        create: (c) => b.create(c, 'i', '1', '{}') as never,
        read: (c) => b.read(c, 'i', '1') as never,
        update: (c) => b.update(c, 'i', '1', '{}') as never,
        delete: (c) => b.delete(c, 'i', '1') as never,
        index: (c) => b.index(c, 'i', '1', '{}') as never,
        search: (c) => b.search(c, 'i', '{}') as never,
        mcreate: (c) => b.mCreate(c, [{ index: 'i', id: '1', body: '{}' }]) as never,
        mindex: (c) => b.mIndex(c, [{ index: 'i', id: '1', body: '{}' }]) as never,
        mupdate: (c) => b.mUpdate(c, [{ index: 'i', id: '1', body: '{}' }]) as never,
        mdelete: (c) => b.mDelete(c, [{ index: 'i', id: '1' }]) as never,
      };
      const errs: (GoError | null)[] = [];
      go(w.sim, 'test', function* () {
        for (const op of ops) errs.push((yield* calls[op]!(ctx)).err);
      });
      w.sim.run();
      expect(errs).toEqual(ops.map(() => Canceled));
      const pooled = b.pool.resources.filter((x) => x.pooled);
      const fates = pooled.map((x) => fate(b, x.id));
      const f = VARIANTS[v];
      if (branch === 1) expect(fates.every((x) => x === (f.freeOnAbortQueue ? 'freed by dispatch' : 'leak (acquired)'))).toBe(true);
      else if (!f.drainOnAbortResponse) expect(fates.every((x) => x === 'leak (enqueued)')).toBe(true);
      else if (f.drainTimeout !== null) expect(fates.every((x) => x === 'abandoned')).toBe(true);
      else expect(fates.every((x) => x === 'leak (enqueued)')).toBe(true); // hardened, unstarted bulker: drains wait (no timeout)
    });
  });
});

describe('B3 BenchmarkMockBulk: create, index, update, delete loops all succeed', () => {
  it.each(VARIANT_NAMES)('%s', (v) => {
    const n = 8;
    const w = world(v, { options: { flushThresholdCnt: n }, script: (req) => bulkReply(req.body, 201, 'index') });
    const [rctx, stop] = withCancel(w.bg);
    w.sim.spawn('bulker.run', () => w.bulker.run(rctx));
    const errs: (GoError | null)[] = [];
    let done = 0;
    for (let g = 0; g < n; g++) {
      go(w.sim, `caller${g}`, function* () {
        for (let k = 0; k < 3; k++) {
          const c = yield* w.bulker.create(w.bg, 'i', '', `{"n":${g}}`);
          errs.push(c.err);
          const id = c.value ?? '';
          errs.push((yield* w.bulker.index(w.bg, 'i', id, '{}')).err);
          errs.push((yield* w.bulker.update(w.bg, 'i', id, '{"doc":{}}')).err);
          errs.push((yield* w.bulker.delete(w.bg, 'i', id)).err);
        }
        if (++done === n) stop();
      });
    }
    const res = w.sim.run();
    expect(res.outcome.kind).toBe('ok');
    expect(errs.length).toBe(n * 12);
    expect(errs.every((e) => e === null)).toBe(true);
    expect(w.bulker.pool.finish()).toEqual([]);
    expect(w.bulker.pool.stats.freed).toBe(w.bulker.pool.stats.acquired);
  });
});

describe('§7.4 flush benchmarks: hand-built FIFO queues with idx = i; response i goes to node i', () => {
  function handQueue(w: ReturnType<typeof world>, type: Queue['type'], n: number, buf: (i: number) => string): { q: Queue; blks: Blk[] } {
    const blks: Blk[] = [];
    for (let i = 0; i < n; i++) {
      const h = w.bulker.pool.acquire('bench');
      const d = w.bulker.pool.use(h, 'buf');
      d.idx = i;
      d.buf = buf(i);
      d.action = type === QueueType.apiKeyUpdate ? Action.updateApiKey : type === QueueType.read ? Action.read : Action.search;
      blks.push(h);
    }
    for (let i = 0; i + 1 < n; i++) w.bulker.pool.use(blks[i]!, 'next').next = blks[i + 1]!;
    return { q: { type, cnt: n, head: blks[0] ?? null, pending: 1 }, blks };
  }
  const kinds = [
    ['msearch', QueueType.search, (i: number) => `{"index": "i"}\n{"q":${i}}\n`, flushSearch],
    ['mget', QueueType.read, (i: number) => `{"_index":"i","_id":"${i}"},`, flushRead],
    ['api key', QueueType.apiKeyUpdate, (i: number) => `{"update_api_key":{"_id":"k${i}","_index":""}}\n{"id":"k${i}","role_descriptors":{},"role_hash":"h"}\n`, flushUpdateAPIKey],
  ] as const;
  it.each(kinds)('%s', (_name, type, buf, flush) => {
    const n = 5;
    const w = world('upstream', {
      script: (req) => (req.path === '/_msearch' ? msearchReply(req.body) : req.path === '/_mget' ? mgetReply(req.body) : { status: 200, body: '{}' }),
    });
    const { q, blks } = handQueue(w, type, n, buf);
    const got: Resp[] = [];
    go(w.sim, 'flush', function* () {
      const err = yield* flush(w.bulker, w.bg, q);
      expect(err).toBeNull();
      for (const h of blks) got.push((yield* recv(w.bulker.pool.use(h, 'ch').ch)) as Resp);
    });
    w.sim.run();
    expect(got.map((r) => r.idx)).toEqual([0, 1, 2, 3, 4]);
    expect(got.every((r) => r.err === null)).toBe(true);
    // Upstream's generated mget decoder reads only `found` and `_source` (schema_easyjson.go), so the
    // docs are told apart by their source: response i went to the i-th block from head.
    if (type === QueueType.read) expect(got.map((r) => (r.data as { _source: string })._source)).toEqual(['0', '1', '2', '3', '4'].map((i) => `{"id":"${i}"}`));
    if (type === QueueType.apiKeyUpdate) expect(got.every((r) => (r.data as { status: number }).status === 200)).toBe(true);
  });
});

describe('TestEnrollSearchDedup: 10 searches with one key in one batch', () => {
  it.each(['upstream', 'hardened'] as const)('%s: 1 success, 9 ErrEnrollDuplicate; one refresh then one msearch', (v) => {
    const w = world(v, { script: (req) => (req.path === '/_msearch' ? msearchReply(req.body) : { status: 200, body: '{}' }) });
    const [rctx, stop] = withCancel(w.bg);
    w.sim.spawn('bulker.run', () => w.bulker.run(rctx));
    const errs: (GoError | null)[] = [];
    for (let i = 0; i < 10; i++) {
      go(w.sim, `enroll${i}`, function* () {
        errs.push((yield* w.bulker.search(w.bg, '.fleet-agents', '{"q":"x"}', { dedupeKey: 'agent-1', refreshIndex: '.fleet-agents' })).err);
        if (errs.length === 10) stop();
      });
    }
    const res = w.sim.run();
    expect(res.outcome.kind).toBe('ok');
    expect(errs.filter((e) => e === null).length).toBe(1);
    expect(errs.filter((e) => e === ErrEnrollDuplicate).length).toBe(9);
    expect(w.es.requests.map((r) => r.path)).toEqual(['/.fleet-agents/_refresh', '/_msearch']);
    expect(w.es.requests[1]?.body).toBe('{"index": ".fleet-agents"}\n{"q":"x"}\n');
    expect(res.time).toBe(sec(1) + 2000); // the enroll timer (1 s) plus two 1 ms round trips
    const leaks = w.bulker.pool.finish().filter((x) => x.kind === 'leak').length;
    expect(leaks).toBe(v === 'upstream' ? 9 : 0);
  });
});

describe('flushUpdateAPIKey reads next after the send (upstream): a use after free when the caller runs first', () => {
  it.each(VARIANT_NAMES)('%s', (v) => {
    const w = world(v, { strategy: new LabelChooser({}, 'caller'), options: { flushInterval: 1000 }, script: () => ({ status: 200, body: '{}' }) });
    const [rctx, stop] = withCancel(w.bg);
    w.sim.spawn('bulker.run', () => w.bulker.run(rctx));
    for (let i = 0; i < 2; i++) go(w.sim, `caller${i}`, () => w.bulker.apiKeyUpdate(w.bg, `k${i}`, 'h', '{"r":{}}'));
    w.sim.spawn('stopper', function* () {
      yield* sleep(sec(1));
      stop();
    });
    const res = w.sim.run();
    const uaf = w.bulker.pool.violations.filter((x) => x.kind === 'use-after-free');
    if (VARIANTS[v].apiKeySaveNext) {
      expect(uaf).toEqual([]);
      expect(res.outcome.kind).toBe('ok');
    } else {
      // The caller freed (reset next = nil) before the flush read next: the second block
      // is never answered and its caller, with a never-ending ctx, is stuck.
      expect(uaf.length).toBe(1);
      expect(res.outcome.kind).toBe('deadlock');
      expect(res.live.map((t) => t.name)).toEqual(['caller0']);
    }
  });
});
