/**
 * GoKer moby#29733 — communication deadlock, condition variable.
 *
 * `Handle` registers a plugin handler by resetting every plugin's `activated` flag, so
 * that handlers run on the next activation; nothing ever activates those plugins again,
 * and `waitActive` (behind `Get`, `GetAll`) waits on the condition variable forever. In the
 * kernel the plugin is not even activated to begin with, so the first wait already blocks.
 *
 * Fix (moby#29733, "Fix race/deadlock in v1 plugin handlers"): `Handle` resets a separate
 * "handlers run" flag instead of `activated`. The fixed variant, like upstream's
 * regression test, starts from an activated plugin.
 */
import { closeChan, Cond, Mutex, recv, RWMutex, type Sim } from '../../../sim/index.ts';
import { defineTarget } from '../../../harness/target.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'moby_29733',
    description: 'Plugin.waitActive waits on activateWait for an activation that never comes',
    fix: 'Handle resets a handlersRun flag, not activated (and the plugin starts activated)',
    source: 'https://github.com/moby/moby/pull/29733',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const p = { activated: fixed, handlersRun: false, activateWait: new Cond(sim, new Mutex(sim, 'activateWait.L'), 'activateWait') };
    const storage = new Map([[0, p]]);
    const handlers = new RWMutex(sim, 'handlers');

    function* testActive(): ReturnType<typeof recv<never>> {
      const done = sim.chan<never>(0, 'done');
      sim.spawn('waitActive', function* () {
        yield* p.activateWait.L.lock();
        while (!p.activated) yield* p.activateWait.wait();
        yield* p.activateWait.L.unlock();
        closeChan(done);
      });
      return yield* recv(done);
    }

    sim.spawn('test', function* () {
      yield* testActive();
      // Handle
      yield* handlers.lock();
      for (const [, pl] of storage) {
        if (fixed) pl.handlersRun = false;
        else pl.activated = false;
      }
      yield* handlers.unlock();
      yield* testActive();
    });
    return {};
  },
});
