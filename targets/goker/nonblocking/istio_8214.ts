/**
 * GoKer istio#8214 — non-blocking, traditional, data race.
 *
 * The LRU cache counts writes with `atomic.AddUint64(&c.stats.Writes, 1)`, but `Stats()`
 * returns `c.stats` by plain copy: two concurrent `Check` calls each add and then read
 * the stats, so one's plain read races with the other's atomic add.
 *
 * Fix (istio#8214): `Stats()` reads the counter with `atomic.LoadUint64`.
 */
import { defineTarget } from '../../../harness/target.ts';
import { WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { AtomicField } from '../atomic-field.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'istio_8214',
    group: 'non-blocking',
    description: 'lruCache.Stats copies stats.Writes plainly while another Check adds to it atomically',
    fix: 'Stats reads stats.Writes with atomic.LoadUint64',
    source: 'https://github.com/istio/istio/pull/8214',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(3);
      sim.spawn('TestIstio8214', function* () {
        const writes = new AtomicField(sim, 0, 'lruCache.stats.Writes');
        /** `grpcServer.Check`: `Cache.Set` — SetWithExpiration, then recordStats. */
        function* check(): Proc<void> {
          yield* writes.atomicAdd(1, 'SetWithExpiration: atomic.AddUint64(&c.stats.Writes, 1)');
          if (fixed) yield* writes.atomicLoad(); // Stats: atomic.LoadUint64(&c.stats.Writes)
          else writes.load('Stats: return c.stats');
        }
        for (const n of [1, 2]) {
          sim.spawn(`Check${n}`, function* () {
            yield* check();
            yield* wg.done();
          });
        }
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
