/**
 * GoKer kubernetes#82550 — non-blocking, traditional, data race.
 *
 * `lazyEcrProvider.LazyProvide` creates its actual provider on first use
 * (`if p.actualProvider == nil { p.actualProvider = ... }`) without synchronisation; ten
 * goroutines call it at once, so the checks and assignments race (upstream, a goroutine
 * could then use a provider another had just reset, and kubelet panicked).
 *
 * Fix (kubernetes#82550, "Fix racy lazyEcrProvider updates"): the lazy initialisation and
 * the use of the provider happen under a mutex of the lazy provider.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, Shared, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_82550',
    group: 'non-blocking',
    description: 'ten goroutines lazily initialise lazyEcrProvider.actualProvider without synchronisation',
    fix: 'initialise and use the actual provider under a mutex',
    source: 'https://github.com/kubernetes/kubernetes/pull/82550',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const actualProvider = new Shared<object | null>(sim, null, 'p.actualProvider');
    const mu = new Mutex(sim, 'p.mu');

    function* lazyProvide(): Proc<void> {
      if (fixed) yield* mu.lock();
      if (actualProvider.load('LazyProvide: p.actualProvider == nil') === null) actualProvider.store({}, 'LazyProvide: p.actualProvider = &CachingDockerConfigProvider{}');
      actualProvider.load('LazyProvide: p.actualProvider.Provide()');
      if (fixed) yield* mu.unlock();
    }

    sim.spawn('test', function* () {
      for (let i = 0; i < 10; i++) sim.spawn(`LazyProvide${i}`, lazyProvide);
    });
    return {};
  },
});
