/**
 * GoKer grpc#795 — resource deadlock, double locking.
 *
 * `GracefulStop` locks `s.mu` and returns without unlocking it; the test calls it three
 * times, so the second call blocks on the mutex the first one left locked (and where the
 * server is already draining it even locks it a second time instead of unlocking).
 *
 * Fix (grpc#795): unlock `s.mu` on every path out of `GracefulStop`.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'grpc_795',
    description: 'Server.GracefulStop returns holding s.mu; the next call deadlocks',
    fix: 'unlock s.mu on every path out of GracefulStop',
    source: 'https://github.com/grpc/grpc-go/pull/795',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const mu = new Mutex(sim, 's.mu');
    const s = { drain: false };

    function* gracefulStop(): Proc<void> {
      yield* mu.lock();
      if (s.drain) {
        if (fixed) yield* mu.unlock();
        else yield* mu.lock();
        return;
      }
      s.drain = true;
      if (fixed) yield* mu.unlock();
    }
    function* serve(): Proc<void> {
      yield* mu.lock();
      yield* mu.unlock();
    }

    sim.spawn('test', function* () {
      sim.spawn('Serve', serve);
      for (let i = 0; i < 3; i++) yield* gracefulStop();
    });
    return {};
  },
});
