/**
 * GoKer cockroach#584 — resource deadlock, double locking.
 *
 * Gossip's `bootstrap` and `manage` loops lock `g.mu` and, once the gossip is closed,
 * `break` out of the loop without unlocking. The test's goroutine runs `bootstrap` and
 * then `manage` on a closed gossip, so `manage` locks a mutex its own goroutine still
 * holds.
 *
 * Fix (cockroach#584): unlock `g.mu` before breaking out when closed.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_584',
    description: 'Gossip.bootstrap breaks out of its loop holding g.mu; manage then locks it again',
    fix: 'unlock g.mu before breaking out on a closed gossip',
    source: 'https://github.com/cockroachdb/cockroach/pull/584',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const mu = new Mutex(sim, 'g.mu');
    const g = { closed: true };

    /** The loop shape both `bootstrap` and `manage` share. */
    function* loop(): Proc<void> {
      for (;;) {
        yield* mu.lock();
        if (g.closed) {
          if (fixed) yield* mu.unlock();
          break;
        }
        yield* mu.unlock();
        break;
      }
    }

    sim.spawn('test', function* () {
      sim.spawn('gossip', function* () {
        yield* loop(); // bootstrap
        yield* loop(); // manage
      });
    });
    return {};
  },
});
