/**
 * GoKer kubernetes#70277 — communication deadlock, channel.
 *
 * `wait.poller` starts a goroutine that ticks every interval until its timeout or until
 * the `done` channel it was given is closed. `WaitFor` returns as soon as the condition
 * holds, but nothing closes that `done` channel: it is the test's stop channel, closed
 * only by a deferred call after the test's `<-doneCh`, which therefore waits forever
 * (and the poller ticks on until its 20 s timeout).
 *
 * Fix (kubernetes#70277): the poll functions pass `WaitFor` a channel of their own that
 * is closed when `WaitFor` returns (or the caller's stop channel closes), so the poller
 * and anyone waiting on its done channel are released.
 */
import { background, closeChan, newTicker, onRecv, onSend, recv, recvOk, select, withCancel, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { defineTarget } from '../../../harness/target.ts';
import { Millisecond, Second } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

const ForeverTestTimeout = 20 * Second;

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_70277',
    description: 'WaitFor returns but the done channel it gave the poller is never closed; the test waits on it forever',
    fix: 'WaitFor gets a done channel that is closed when it returns',
    source: 'https://github.com/kubernetes/kubernetes/pull/70277',
    maxSteps: 400_000,
    maxTime: 60 * Second,
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    /** `poller(interval, timeout)`: the WaitFunc. */
    function poller(done: Chan<never> | null): Chan<null> {
      const ch = sim.chan<null>(0, 'poller.ch');
      sim.spawn('poller', function* () {
        const tick = newTicker(sim, Millisecond, 'poller.tick');
        const timer = sim.newTimer(ForeverTestTimeout, 'poller.after');
        for (;;) {
          const r = yield* select([onRecv(tick.C), onRecv(timer.C), onRecv(done)]);
          if (r.index !== 0) break;
          yield* select([onSend(ch, null)], true);
        }
        tick.stop();
        timer.stop();
        closeChan(ch);
      });
      return ch;
    }
    /** `WaitFor(wait, fn, done)` with a condition that holds at once. */
    function* waitFor(c: Chan<null>): Proc<void> {
      for (;;) {
        const open = (yield* recvOk(c)).ok;
        const ok = true; // fn()
        if (ok || !open) return;
      }
    }

    sim.spawn('test', function* () {
      const stopCh = sim.chan<never>(0, 'stopCh');
      let doneCh: Chan<never> | null = null;
      if (fixed) {
        // contextForChannel(stopCh): a done channel closed when WaitFor returns or stopCh closes.
        const [pctx, cancel] = withCancel(background(sim), 'poll');
        sim.spawn('contextForChannel', function* () {
          yield* select([onRecv(stopCh), onRecv(pctx.done())]);
          cancel();
        });
        doneCh = pctx.done();
        yield* waitFor(poller(doneCh));
        cancel();
      } else {
        doneCh = stopCh;
        yield* waitFor(poller(stopCh));
      }
      yield* recv(doneCh);
      closeChan(stopCh); // deferred
    });
    return {};
  },
});
