/**
 * Upstream's benchmarks as simulated runs, by their Go names: `BenchmarkMultiUpdateMock`
 * (`internal/pkg/bulk/opMulti_test.go` at dc8e230: Run replaced by an echo loop answering
 * `respT{nil, v.idx, nil}`) and the dispatch benchmarks of `dispatch_bench_test.go` (#6747),
 * whose allocation counts the PR quotes (AbortQueue 7 → 3 allocs/op): in the model, a
 * pool miss (`New`) is the allocation that matters, and a drain task is the goroutine
 * that AbortResponse leaves behind on every iteration.
 */
import { describe, expect, it } from 'vitest';
import { background, Canceled, onRecv, RandomWalk, recv, select, send, Sim, withCancel } from '../sim/index.ts';
import { Action, type Blk, type Resp } from './block.ts';
import { Bulker } from './bulker.ts';
import { dispatch } from './dispatch.ts';
import { go } from './testing/harness.ts';
import { LabelChooser } from './testing/label-chooser.ts';
import { ScriptedTransport } from './testing/scripted-transport.ts';
import { DISTINCT_VARIANTS, VARIANTS, type VariantName } from './variants.ts';

const N = 200;

function unstarted(v: VariantName, seed?: number) {
  const sim = new Sim({ strategy: seed === undefined ? new LabelChooser() : new RandomWalk(seed), maxTime: 3_600_000_000 });
  const bulker = new Bulker(sim, new ScriptedTransport(sim, () => ({ status: 200, body: '{}' })), { variant: v, options: { blockQueueSz: 1 } });
  return { sim, bulker, bg: background(sim) };
}

/** `newBlk(ActionSearch)` and `blk.buf.WriteString({"index":"test"})`. */
function searchBlk(b: Bulker): Blk {
  const h = b.pool.acquire('bench');
  const d = b.pool.use(h, 'action');
  d.action = Action.search;
  d.buf = '{"index":"test"}';
  return h;
}

describe('BenchmarkMultiUpdateMock (opMulti_test.go)', () => {
  it.each([1, 8, 64, 4096])('MUpdate of %i ops against the echo loop: zero-valued items, no error', (n) => {
    const { sim, bulker, bg } = unstarted('upstream');
    sim.spawn('echo', function* () {
      for (;;) {
        const v = (yield* recv(bulker.ch)) as Blk;
        yield* send(bulker.pool.use(v, 'ch').ch, { err: null, idx: bulker.pool.use(v, 'idx').idx, data: null } as Resp);
      }
    }, { daemon: true });
    const ops = Array.from({ length: n }, () => ({ id: 'abba', index: 'bogus', body: '{"_id" : "1", "_index" : "test"}' }));
    const r = go(sim, 'bench', () => bulker.mUpdate(bg, ops));
    sim.run();
    expect(r.value?.err).toBeNull();
    expect(r.value?.value?.length).toBe(n);
    expect(r.value?.value?.every((it) => it._id === '' && it.status === 0)).toBe(true);
    expect(bulker.pool.stats.acquired).toBe(0); // multi-op blocks never come from the pool
  });
});

describe.each(DISTINCT_VARIANTS)('%s: the dispatch benchmarks (dispatch_bench_test.go)', (v) => {
  const fixed = VARIANTS[v].freeOnAbortQueue;

  it(`BenchmarkDispatchAbortQueue: ${N} aborts in the first select reuse one block (#6747) or allocate one each (before it)`, () => {
    const { sim, bulker, bg } = unstarted(v);
    bulker.ch.trySend(bulker.pool.unpooled('full'));
    const [ctx, cancel] = withCancel(bg);
    cancel();
    go(sim, 'bench', function* () {
      for (let i = 0; i < N; i++) expect((yield* dispatch(bulker, ctx, searchBlk(bulker))).err).toBe(Canceled);
    });
    sim.run();
    expect(bulker.pool.stats.fresh).toBe(fixed ? 1 : N);
    expect(bulker.pool.stats.freed).toBe(fixed ? N : 0);
  });

  it(`BenchmarkDispatchAbortResponse: the helper empties b.ch without answering; each second-select abort leaves a drain task waiting 15 s`, () => {
    const { sim, bulker, bg } = unstarted(v, 7);
    const [ctx, cancel] = withCancel(bg);
    cancel();
    const [stopHelper, stop] = withCancel(bg);
    sim.spawn('helper', function* () {
      for (;;) if ((yield* select([onRecv(bulker.ch), onRecv(stopHelper.done())])).index === 1) return;
    });
    let drainsAtEnd = 0;
    go(sim, 'bench', function* () {
      for (let i = 0; i < N; i++) yield* dispatch(bulker, ctx, searchBlk(bulker));
      drainsAtEnd = sim.liveTasks().filter((t) => t.name.startsWith('drain-')).length;
      stop();
    });
    sim.run();
    // With ctx already done, Go's first select picks at random between "send to b.ch" and
    // "ctx done": about half the iterations reach the second select (the benchmark's comment
    // says all do).
    const enqueued = bulker.pool.resources.filter((r) => r.history.some((e) => e.event === 'enqueue')).length;
    expect(enqueued).toBeGreaterThan(N / 4);
    expect(enqueued).toBeLessThan((3 * N) / 4);
    if (VARIANTS[v].drainOnAbortResponse && VARIANTS[v].drainTimeout !== null) {
      expect(drainsAtEnd).toBe(enqueued); // they build up: none has reached its 15 s yet
      expect(bulker.pool.resources.filter((r) => r.state === 'abandoned').length).toBe(enqueued);
    } else if (VARIANTS[v].drainOnAbortResponse) {
      expect(drainsAtEnd).toBe(enqueued); // hardened: no timeout; nothing will ever answer these
    } else expect(drainsAtEnd).toBe(0);
  });

  it('BenchmarkDispatchSuccess: a helper answers, the caller frees: one block for every iteration', () => {
    const { sim, bulker, bg } = unstarted(v);
    go(sim, 'bench', function* () {
      for (let i = 0; i < N; i++) {
        const h = searchBlk(bulker);
        sim.spawn(`helper-${i}`, function* () {
          const item = (yield* recv(bulker.ch)) as Blk;
          yield* send(bulker.pool.use(item, 'ch').ch, { err: null, idx: 0, data: null } as Resp);
        });
        expect((yield* dispatch(bulker, bg, h)).err).toBeNull();
        bulker.pool.release(h);
      }
    });
    sim.run();
    expect(bulker.pool.stats.fresh).toBe(1);
  });
});
