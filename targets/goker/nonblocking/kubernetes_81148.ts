/**
 * GoKer kubernetes#81148 — non-blocking, traditional, data race.
 *
 * The priority queue's background goroutine (`wait.Until(flushUnschedulableQLeftover)`)
 * ranges over the unschedulable pods under `p.lock` and reads each `PodInfo.Timestamp`;
 * the test adds a pod under the lock but then backdates its `Timestamp` through the map
 * without the lock, racing with that read.
 *
 * Fix (kubernetes#81148, "Fix two race issues in schedule_queue"): the test updates the
 * pod's timestamp under `p.lock`.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, GoMap, RWMutex, Shared, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';
import { until } from './until.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_81148',
    group: 'non-blocking',
    description: "the test backdates a pod's Timestamp without p.lock while the queue's goroutine reads it under the lock",
    fix: "the test updates the pod's timestamp under p.lock",
    source: 'https://github.com/kubernetes/kubernetes/pull/81148',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const stop = sim.chan<never>(0, 'stop');

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(1);
      sim.spawn('TestKubernetes81148', function* () {
        // NewPriorityQueue(stop)
        const p = { lock: new RWMutex(sim, 'p.lock'), podInfoMap: new GoMap<string, Shared<number>>(sim, 'unschedulableQ.podInfoMap') };
        function* flushUnschedulableQLeftover(): Proc<void> {
          yield* p.lock.lock();
          for (const k of p.podInfoMap.keys('flushUnschedulableQLeftover: range podInfoMap')) {
            (p.podInfoMap.get(k, 'flushUnschedulableQLeftover: range podInfoMap') as Shared<number>).load('flushUnschedulableQLeftover: read pInfo.Timestamp');
          }
          yield* p.lock.unlock();
        }
        sim.spawn('Until(flushUnschedulableQLeftover)', () => until(flushUnschedulableQLeftover, stop)); // p.run()
        // addOrUpdateUnschedulablePod(q, "1")
        yield* p.lock.lock();
        p.podInfoMap.set('1', new Shared(sim, 0, 'podInfo["1"].Timestamp'), 'addOrUpdate: podInfoMap[podID] = pInfo');
        yield* p.lock.unlock();
        if (fixed) yield* p.lock.lock();
        const info = p.podInfoMap.get('1', 'test: podInfoMap["1"]') as Shared<number>;
        info.store(-60, 'test: podInfoMap["1"].Timestamp = time.Now().Add(-unschedulableQTimeInterval)');
        if (fixed) yield* p.lock.unlock();
        yield* wg.done();
      });
      yield* wg.wait();
      closeChan(stop);
    });
    return {};
  },
});
