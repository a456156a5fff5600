/**
 * GoKer kubernetes#62464 — resource deadlock, RWR.
 *
 * `GetCPUSetOrDefault` read-locks the CPU manager's state and calls `GetCPUSet` and
 * `GetDefaultCPUSet`, which read-lock it again. `RemoveContainer` (another goroutine)
 * writes the default set under the write lock; arriving between the nested read locks,
 * it blocks the inner one (writer priority) while waiting for the outer one.
 *
 * Fix (kubernetes#62464): `GetCPUSetOrDefault` reads both values under its one read lock
 * instead of calling the locking getters.
 */
import { defineTarget } from '../../../harness/target.ts';
import { RWMutex, type Proc, type Sim } from '../../../sim/index.ts';
import { randIntn } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_62464',
    description: 'stateMemory.GetCPUSetOrDefault read-locks recursively; SetDefaultCPUSet in between deadlocks both',
    fix: 'read both sets under the one read lock, without the locking getters',
    source: 'https://github.com/kubernetes/kubernetes/pull/62464',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const s = new RWMutex(sim, 'stateMemory');
    /** Whether the container has its own CPU set: `rand.Intn(10) > 5`. */
    const hasCPUSet = (): boolean => randIntn(sim, 10) > 5;

    function* getCPUSet(): Proc<boolean> {
      yield* s.rLock();
      const ok = hasCPUSet();
      yield* s.rUnlock();
      return ok;
    }
    function* getDefaultCPUSet(): Proc<void> {
      yield* s.rLock();
      yield* s.rUnlock();
    }
    function* setDefaultCPUSet(): Proc<void> {
      yield* s.lock();
      yield* s.unlock();
    }
    function* getCPUSetOrDefault(): Proc<void> {
      yield* s.rLock();
      if (fixed) {
        hasCPUSet(); // the unlocked read of the assignments map
      } else if (!(yield* getCPUSet())) {
        yield* getDefaultCPUSet();
      }
      yield* s.rUnlock();
    }

    sim.spawn('test', function* () {
      sim.spawn('reconcileState', getCPUSetOrDefault);
      sim.spawn('RemoveContainer', function* () {
        yield* getDefaultCPUSet();
        yield* setDefaultCPUSet();
      });
    });
    return {};
  },
});
