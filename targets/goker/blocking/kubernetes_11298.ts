/**
 * GoKer kubernetes#11298 — communication deadlock, channel & condition variable.
 *
 * The Mesos master-election notifier's service loop holds `n.lock` and waits on a
 * condition variable over it, in a helper goroutine; another loop signals the condition
 * variable repeatedly. When the loops are told to stop, the service loop signals once and
 * waits for the helper, but a signal sent before the helper started waiting is lost: the
 * helper waits forever, and with it the service loop and the test.
 *
 * Fix (kubernetes#11298, "Fix deadlocks and race conditions in mesos master election
 * notifier"): the condition variable is replaced by a channel with a buffer of one that
 * the changer writes without blocking and the service loop reads; `n.lock` only guards
 * the state.
 *
 * Both loops spin between steps, so virtual time cannot advance by itself: the run allows
 * time slips (a timer firing while tasks could run), as Go's clock moves while they spin.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Cond, Mutex, onRecv, onSend, recv, select, sleep, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { Nanosecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_11298',
    description: 'the notifier\'s stop path signals a condition variable before its waiter waits; the wake-up is lost',
    fix: 'replace the condition variable with a non-blocking buffered change channel',
    source: 'https://github.com/kubernetes/kubernetes/pull/11298',
    maxSteps: 100_000,
    timeSlip: true,
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    /** `After(f)`: runs f in a goroutine and returns a channel closed when it returns. */
    function after(name: string, f: () => Proc<void>): Chan<never> {
      const ch = sim.chan<never>(0, `${name}.done`);
      sim.spawn(name, function* () {
        yield* f();
        closeChan(ch);
      });
      return ch;
    }
    /** `Until(f, 0, stopCh)`. */
    function* until(f: () => Proc<void>, stopCh: Chan<never>): Proc<void> {
      for (;;) {
        if ((yield* select([onRecv(stopCh)], true)).index === 0) return;
        yield* f();
        yield* select([onRecv(stopCh), onRecv(sim.after(0, 'Until.period'))]);
      }
    }

    function* notify(abort: Chan<never>): Proc<void> {
      const lock = new Mutex(sim, 'n.lock');
      const cond = new Cond(sim, lock, 'n.cond');
      const changed = sim.chan<null>(1, 'n.changed');

      const finished = after('changer', () =>
        until(function* () {
          for (;;) {
            if ((yield* select([onRecv(abort)], true)).index === 0) return;
            yield* lock.lock();
            if (fixed) {
              yield* lock.unlock();
              yield* select([onSend(changed, null)], true);
            } else {
              yield* cond.signal();
              yield* lock.unlock();
            }
          }
        }, abort),
      );
      function* serviceLoop(): Proc<void> {
        if (fixed) {
          for (;;) if ((yield* select([onRecv(finished), onRecv(changed)])).index === 0) return;
        }
        yield* lock.lock();
        for (;;) {
          if ((yield* select([onRecv(finished)], true)).index === 0) break;
          const ch = after('cond.Wait', () => cond.wait());
          const r = yield* select([onRecv(finished), onRecv(ch)]);
          if (r.index === 0) {
            yield* cond.signal();
            yield* recv(ch);
            break;
          }
        }
        yield* lock.unlock();
      }
      yield* until(serviceLoop, abort);
    }

    sim.spawn('test', function* () {
      const done = sim.chan<never>(0, 'done');
      const notifyDone = after('Notify', () => notify(done));
      sim.spawn('stopper', function* () {
        yield* sleep(300 * Nanosecond);
        closeChan(done);
      });
      yield* recv(notifyDone);
    });
    return {};
  },
});
