/**
 * GoKer kubernetes#13135 — resource deadlock, AB-BA.
 *
 * The Cacher's caching loop (`startCaching`, rerun by `Util` until stopped) locks the
 * Cacher (A) and then the watch cache (B) to replace its contents; the watch-cache
 * callback unlocks A. An event added concurrently locks the watch cache (B) and its
 * callback, `Cacher.processEvent`, locks the Cacher (A). A second round of the loop and an
 * event in flight hold one lock each.
 *
 * Fix (kubernetes#13135, "Fix deadlock in Cacher on etcd errors"): the caching loop holds
 * a separate lock of its own (`usable`), so event processing never waits for a lock the
 * caching loop holds while it waits for the watch cache.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, Once, onRecv, RWMutex, select, sleep, WaitGroup, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_13135',
    description: 'Cacher.startCaching locks cacher then watchCache; an event locks watchCache then cacher',
    fix: 'the caching loop holds its own lock (usable), not the one event processing takes',
    source: 'https://github.com/kubernetes/kubernetes/pull/13135',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const cacherMu = new Mutex(sim, 'cacher');
    /** The fix's separate lock for the caching loop (unused by the buggy variant). */
    const usable = new Mutex(sim, 'cacher.usable');
    const loopLock = fixed ? usable : cacherMu;
    const initialized = new WaitGroup(sim, 'cacher.initialized');
    const initOnce = new Once(sim, 'cacher.initOnce');
    const watchCache = { mu: new RWMutex(sim, 'watchCache'), onReplace: null as (() => Proc<void>) | null, onEvent: null as (() => Proc<void>) | null };

    /** `Util(f, 0, stopCh)`: run f until stopCh is closed, sleeping 0 between rounds. */
    function* util(f: () => Proc<void>, stopCh: Chan<never>): Proc<void> {
      for (;;) {
        if ((yield* select([onRecv(stopCh)], true)).index === 0) return;
        yield* f();
        yield* sleep(0);
      }
    }
    function* replace(): Proc<void> {
      yield* watchCache.mu.lock();
      if (watchCache.onReplace !== null) yield* watchCache.onReplace();
      yield* watchCache.mu.unlock();
    }
    function* add(): Proc<void> {
      // processEvent
      yield* watchCache.mu.lock();
      if (watchCache.onEvent !== null) yield* watchCache.onEvent();
      yield* watchCache.mu.unlock();
    }
    function* startCaching(): Proc<void> {
      yield* loopLock.lock();
      // ListAndWatch -> syncWith -> store.Replace; it never fails here, so the loop ends at once.
      yield* replace();
    }

    sim.spawn('test', function* () {
      const stopCh = sim.chan<never>(0, 'StopChannel');
      // NewCacher
      yield* initialized.add(1);
      yield* watchCache.mu.lock();
      watchCache.onReplace = function* () {
        yield* initOnce.do(() => initialized.done());
        yield* loopLock.unlock();
      };
      yield* watchCache.mu.unlock();
      yield* watchCache.mu.lock();
      watchCache.onEvent = function* () {
        // Cacher.processEvent
        yield* cacherMu.lock();
        yield* cacherMu.unlock();
      };
      yield* watchCache.mu.unlock();
      sim.spawn('Util(startCaching)', () => util(startCaching, stopCh));
      yield* initialized.wait();
      sim.spawn('watchCache.Add', add);
      sim.spawn('close(StopChannel)', function* () {
        closeChan(stopCh);
      });
    });
    return {};
  },
});
