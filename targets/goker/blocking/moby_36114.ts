/**
 * GoKer moby#36114 — resource deadlock, double locking.
 *
 * `hotAddVHDsAtStart` locks the service VM's mutex and, still holding it, calls
 * `hotRemoveVHDsAtStart`, which locks the same mutex again: Go's mutex is not reentrant,
 * so the goroutine blocks on itself forever.
 *
 * Fix (moby#36114): the inner call goes to a variant that expects the lock to be held
 * already and does not lock it again.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'moby_36114',
    description: 'serviceVM re-locks its own mutex in hotRemoveVHDsAtStart',
    fix: 'call the already-locked variant of hotRemoveVHDsAtStart',
    source: 'https://github.com/moby/moby/pull/36114',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const svm = new Mutex(sim, 'svm');

    function* hotRemoveVHDsAtStartLocked(): Proc<void> {}
    function* hotRemoveVHDsAtStart(): Proc<void> {
      yield* svm.lock();
      yield* hotRemoveVHDsAtStartLocked();
      yield* svm.unlock();
    }
    function* hotAddVHDsAtStart(): Proc<void> {
      yield* svm.lock();
      if (fixed) yield* hotRemoveVHDsAtStartLocked();
      else yield* hotRemoveVHDsAtStart();
      yield* svm.unlock();
    }

    sim.spawn('test', function* () {
      sim.spawn('hotAddVHDsAtStart', hotAddVHDsAtStart);
    });
    return {};
  },
});
