/**
 * GoKer moby#30408 — communication deadlock, condition variable.
 *
 * A v1 plugin whose activation failed never gets a manifest, and `waitActive` waits on
 * the condition variable until the manifest is set: forever.
 *
 * Fix (moby#30408, "Fix deadlock on v1 plugin with activate error"): `waitActive` also
 * stops waiting once an activation error is recorded.
 */
import { closeChan, Cond, GoError, Mutex, recv, type Sim } from '../../../sim/index.ts';
import { defineTarget } from '../../../harness/target.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'moby_30408',
    description: 'Plugin.waitActive ignores the activation error and waits for a manifest that never comes',
    fix: 'stop waiting once activateErr is set',
    source: 'https://github.com/moby/moby/pull/30408',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const p = {
      manifest: null as { implements: string[] } | null,
      activateErr: new GoError('some junk happened') as GoError | null,
      activateWait: new Cond(sim, new Mutex(sim, 'activateWait.L'), 'activateWait'),
    };

    sim.spawn('test', function* () {
      const done = sim.chan<never>(0, 'done');
      sim.spawn('waitActive', function* () {
        yield* p.activateWait.L.lock();
        while (p.manifest === null && (!fixed || p.activateErr === null)) yield* p.activateWait.wait();
        yield* p.activateWait.L.unlock();
        closeChan(done);
      });
      yield* recv(done);
    });
    return {};
  },
});
