/**
 * GoKer kubernetes#88331 — non-blocking, traditional, data race.
 *
 * The priority queue's background goroutine (`wait.Until(flushBackoffQCompleted)`) pops
 * the backoff heap under `p.lock`, shrinking its `queue` slice; the test reads
 * `q.podBackoffQ.Len()` without the lock, racing with the pop.
 *
 * Fix (kubernetes#88331, for the scheduler-test races of kubernetes#88327): the test reads
 * the queue's length under `p.lock`. The queue's stop channel is never closed (in both
 * variants, as in GoKer), so its goroutine outlives the test and is a daemon, as the test
 * binary exits under it.
 */
import { defineTarget } from '../../../harness/target.ts';
import { RWMutex, Shared, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';
import { until } from './until.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_88331',
    group: 'non-blocking',
    description: "the test reads the backoff heap's length while the queue's goroutine pops it under p.lock",
    fix: "the test reads the backoff queue's length under p.lock",
    source: 'https://github.com/kubernetes/kubernetes/pull/88331',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(1);
      sim.spawn('TestKubernetes88331', function* () {
        yield* wg.done();
        // createAndRunPriorityQueue: both heaps start with two entries
        const p = { stop: sim.chan<never>(0, 'p.stop'), lock: new RWMutex(sim, 'p.lock'), backoffQueue: new Shared(sim, 2, 'podBackoffQ.data.queue') };
        function* flushBackoffQCompleted(): Proc<void> {
          yield* p.lock.lock();
          p.backoffQueue.store(p.backoffQueue.load('flushBackoffQCompleted: Pop reads h.queue') - 1, 'flushBackoffQCompleted: Pop: h.queue = h.queue[0 : len(h.queue)-1]');
          yield* p.lock.unlock();
        }
        sim.spawn('Until(flushBackoffQCompleted)', () => until(flushBackoffQCompleted, p.stop), { daemon: true }); // p.Run()
        if (fixed) yield* p.lock.lock();
        p.backoffQueue.load('test: podBackoffQ.Len()');
        if (fixed) yield* p.lock.unlock();
      });
      yield* wg.wait();
    });
    return {};
  },
});
