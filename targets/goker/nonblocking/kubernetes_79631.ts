/**
 * GoKer kubernetes#79631 — non-blocking, traditional, data race.
 *
 * The priority queue's background goroutine (`wait.Until(flushBackoffQCompleted)`) pops
 * the backoff queue under `p.lock`, deleting from the heap's `items` map; the test reads
 * that map through `q.podBackoffQ.Get()` without the lock — a race, and in Go the fatal
 * `concurrent map read and map write` when the two meet.
 *
 * Fix (kubernetes#79631, "Fixed a racing issue in scheduler UT"): the test reads the queue
 * under `p.lock`. The queue's stop channel is never closed (in both variants, as in
 * GoKer), so its goroutine outlives the test and is a daemon, as the test binary exits
 * under it.
 */
import { defineTarget } from '../../../harness/target.ts';
import { GoMap, RWMutex, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';
import { until } from './until.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_79631',
    group: 'non-blocking',
    description: "the test reads the backoff heap's map while the queue's goroutine deletes from it under p.lock",
    fix: 'the test reads the backoff queue under p.lock',
    source: 'https://github.com/kubernetes/kubernetes/pull/79631',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(1);
      sim.spawn('TestKubernetes79631', function* () {
        yield* wg.done();
        // NewPriorityQueue -> NewPriorityQueueWithClock
        const p = { stop: sim.chan<never>(0, 'p.stop'), lock: new RWMutex(sim, 'p.lock'), items: new GoMap<string, object>(sim, 'podBackoffQ.data.items') };
        function* flushBackoffQCompleted(): Proc<void> {
          yield* p.lock.lock();
          p.items.delete('1', 'flushBackoffQCompleted: podBackoffQ.Pop deletes items["1"]');
          yield* p.lock.unlock();
        }
        sim.spawn('Until(flushBackoffQCompleted)', () => until(flushBackoffQCompleted, p.stop), { daemon: true }); // p.run()
        if (fixed) yield* p.lock.lock();
        p.items.get('1', 'test: podBackoffQ.Get reads items["1"]');
        if (fixed) yield* p.lock.unlock();
      });
      yield* wg.wait();
    });
    return {};
  },
});
