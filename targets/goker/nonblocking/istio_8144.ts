/**
 * GoKer istio#8144 — non-blocking, traditional, data race.
 *
 * A TTL cache's evicter goroutine ranges over its entries and calls the eviction callback,
 * which increments the test's `callbackRecorder.callbacks`; the test reads the counter
 * right after storing an entry, unordered with an increment the evicter made after seeing
 * that entry.
 *
 * Fix (istio#8144): the recorder's counter is guarded by a mutex, which the callback and
 * the test's read both take.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, Shared, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';
import { SyncMap } from '../sync-map.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'istio_8144',
    group: 'non-blocking',
    description: "the TTL cache's evicter increments the test's callback counter while the test reads it",
    fix: "guard the recorder's counter with a mutex in the callback and in the test's read",
    source: 'https://github.com/istio/istio/pull/8144',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(1);
      sim.spawn('TestIstio8144', function* () {
        const c = { callbacks: new Shared(sim, 0, 'c.callbacks'), mu: new Mutex(sim, 'c.mu') };
        function* callback(): Proc<void> {
          if (fixed) yield* c.mu.lock();
          c.callbacks.store(c.callbacks.load('callback: read c.callbacks') + 1, 'callback: c.callbacks++');
          if (fixed) yield* c.mu.unlock();
        }
        // NewTTLWithCallback
        const entries = new SyncMap<number, number>(sim, 'ttl.entries');
        sim.spawn('ttl.evicter', function* () {
          yield* entries.range(function* () {
            yield* callback();
            return true;
          });
        });
        yield* entries.store(1, 1); // ttl.SetWithExpiration(1, 1)
        if (fixed) yield* c.mu.lock();
        c.callbacks.load('test: read c.callbacks');
        if (fixed) yield* c.mu.unlock();
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
