/**
 * GoKer moby#25384 — mixed deadlock, misuse of WaitGroup.
 *
 * `Manager.init` adds the number of plugins to a WaitGroup, then, in its loop, starts one
 * goroutine per plugin and waits on the group inside the loop. With two plugins, the
 * first Wait needs two Dones but only one goroutine has been started: init blocks forever.
 *
 * Fix (moby#25384): wait once, after the loop has started every goroutine.
 */
import { defineTarget } from '../../../harness/target.ts';
import { WaitGroup, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'moby_25384',
    description: 'Manager.init waits for all plugins inside the loop that starts them',
    fix: 'move group.Wait() after the loop',
    source: 'https://github.com/moby/moby/pull/25384',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const plugins = ['p1', 'p2'];

    sim.spawn('test', function* () {
      sim.spawn('pm.init', function* () {
        const group = new WaitGroup(sim, 'group');
        yield* group.add(plugins.length);
        for (const p of plugins) {
          sim.spawn(`plugin ${p}`, () => group.done());
          if (!fixed) yield* group.wait();
        }
        if (fixed) yield* group.wait();
      });
    });
    return {};
  },
});
