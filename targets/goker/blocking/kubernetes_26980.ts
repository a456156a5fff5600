/**
 * GoKer kubernetes#26980 — mixed deadlock, channel & lock.
 *
 * `processorListener.pop` holds the listener's lock for its whole loop; with a
 * notification pending it blocks in a select on the stop channel, still holding the lock.
 * The test's helper goroutine needs that lock to signal the test, and the test closes the
 * stop channel only after the helper has signalled: all three wait.
 *
 * Fix (kubernetes#26980), written from the GoKer description and the later shape of
 * `pop`: take the notification under the lock, release it, and only then block on the
 * stop channel.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Cond, onRecv, recv, RWMutex, select, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_26980',
    description: 'processorListener.pop blocks on stopCh while holding p.lock, which the test needs before it closes stopCh',
    fix: 'take the notification under the lock and block on stopCh after releasing it',
    source: 'https://github.com/kubernetes/kubernetes/pull/26980',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const lock = new RWMutex(sim, 'p.lock');
    const p = { cond: new Cond(sim, lock, 'p.cond'), pending: [] as number[] };

    function* add(n: number): Proc<void> {
      yield* lock.lock();
      p.pending.push(n);
      yield* p.cond.broadcast();
      yield* lock.unlock();
    }
    /** Waits (under the lock) for a notification; true when stopped instead. */
    function* waitForNotification(stopCh: Chan<never>): Proc<boolean> {
      while (p.pending.length === 0) {
        if ((yield* select([onRecv(stopCh)], true)).index === 0) return true;
        yield* p.cond.wait();
      }
      return false;
    }
    function* pop(stopCh: Chan<never>): Proc<void> {
      if (fixed) {
        for (;;) {
          yield* lock.lock();
          const stopped = yield* waitForNotification(stopCh);
          if (!stopped) p.pending.shift();
          yield* lock.unlock();
          if (stopped) return;
          yield* select([onRecv(stopCh)]);
          return;
        }
      }
      yield* lock.lock();
      for (;;) {
        if (yield* waitForNotification(stopCh)) break;
        yield* select([onRecv(stopCh)]); // blocks holding the lock
        break;
      }
      yield* lock.unlock();
    }

    sim.spawn('test', function* () {
      const stopCh = sim.chan<never>(0, 'stopCh');
      yield* add(1);
      sim.spawn('pl.pop', () => pop(stopCh));
      const resultCh = sim.chan<never>(0, 'resultCh');
      sim.spawn('locker', function* () {
        yield* lock.lock();
        closeChan(resultCh);
      });
      yield* recv(resultCh);
      yield* lock.unlock();
      closeChan(stopCh); // deferred
    });
    return {};
  },
});
