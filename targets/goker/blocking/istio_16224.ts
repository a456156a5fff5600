/**
 * GoKer istio#16224 — mixed deadlock, channel & lock.
 *
 * The registered event handler locks the test's mutex and, holding it, sends on the
 * unbuffered `done` channel. The test locks that same mutex before it receives from
 * `done`: when the handler wins the lock, the handler waits for the receive and the test
 * waits for the lock.
 *
 * Fix (istio#16224, "Fix memory monitor test deadlock"): the handler releases the lock
 * before sending on `done`.
 *
 * The monitor's `Run` loop, on stop, waits to receive one more event that nobody sends:
 * that goroutine outlives the test in both variants (upstream rewrote the loop later, in
 * istio#42914). It is declared a daemon so that this second, unrelated leak does not mask
 * the verdict on the handler's deadlock, which involves the test goroutine itself.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, onRecv, recv, recvOk, select, send, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'istio_16224',
    description: 'the event handler sends on done while holding the lock the test takes before receiving',
    fix: 'release the lock before sending on done',
    source: 'https://github.com/istio/istio/pull/16224',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const eventCh = sim.chan<number>(0, 'monitor.eventCh');
    const done = sim.chan<boolean>(0, 'done');
    const lock = new Mutex(sim, 'lock');
    const handlers: Array<(e: number) => Proc<void>> = [];

    function* run(stop: ReturnType<typeof sim.chan<never>>): Proc<void> {
      for (;;) {
        const r = yield* select([onRecv(stop), onRecv(eventCh)]);
        if (r.index === 0) {
          if ((yield* recvOk(eventCh)).ok) closeChan(eventCh);
          return;
        }
        if (r.ok) for (const h of handlers) yield* h(r.value as number); // processConfigEvent
      }
    }

    sim.spawn('test', function* () {
      handlers.push(function* () {
        yield* lock.lock();
        if (fixed) {
          yield* lock.unlock();
          yield* send(done, true);
          return;
        }
        yield* send(done, true);
        yield* lock.unlock();
      });
      const stop = sim.chan<never>(0, 'stop');
      sim.spawn('controller.Run', () => run(stop), { daemon: true });
      yield* send(eventCh, 0); // controller.Create
      yield* lock.lock();
      yield* lock.unlock();
      yield* recv(done);
      closeChan(stop);
    });
    return {};
  },
});
