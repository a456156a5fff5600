/**
 * GoKer kubernetes#10182 — mixed deadlock, channel & lock.
 *
 * `SetPodStatus` holds `podStatusesLock` while it sends on the unbuffered status channel.
 * The status manager's loop receives one status, then deletes it under the same lock.
 * With two setters, the second can hold the lock and wait to send while the loop waits
 * for the lock: neither moves.
 *
 * Fix (kubernetes#10182), written from the GoKer description: the setter releases the
 * lock before it sends on the channel.
 */
import { defineTarget } from '../../../harness/target.ts';
import { recv, RWMutex, send, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_10182',
    description: 'SetPodStatus sends on podStatusChannel holding podStatusesLock, which the receiving loop needs next',
    fix: 'send on the channel after releasing podStatusesLock',
    source: 'https://github.com/kubernetes/kubernetes/pull/10182',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const lock = new RWMutex(sim, 'podStatusesLock');
    const ch = sim.chan<boolean>(0, 'podStatusChannel');

    function* deletePodStatus(): Proc<void> {
      yield* lock.lock();
      yield* lock.unlock();
    }
    function* setPodStatus(): Proc<void> {
      yield* lock.lock();
      if (fixed) {
        yield* lock.unlock();
        yield* send(ch, true);
        return;
      }
      yield* send(ch, true);
      yield* lock.unlock();
    }

    sim.spawn('test', function* () {
      sim.spawn('s.Start', function* () {
        sim.spawn('syncLoop', function* () {
          for (let i = 0; i < 2; i++) {
            yield* recv(ch); // syncBatch
            yield* deletePodStatus();
          }
        });
      });
      sim.spawn('SetPodStatus-1', setPodStatus);
      sim.spawn('SetPodStatus-2', setPodStatus);
    });
    return {};
  },
});
