/**
 * GoKer cockroach#1462 — mixed deadlock, channel & WaitGroup.
 *
 * The local transport's worker sends each message on the unbuffered `Events` channel,
 * checking the stopper only between sends. Once `Stop` closes the stopper, the event
 * processor may take the stop case and return, leaving the transport worker blocked in
 * its send; `Stop` then waits for it in `stop.Wait()` forever.
 *
 * Fix (cockroach#1462, "Guard localInterceptableTransport's message handling with
 * stopper.StartTask"), written from the GoKer description: the transport offers each
 * message in a select that also watches the stopper, so it cannot outlive `Stop`.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Cond, Mutex, onRecv, onSend, select, send, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_1462',
    description: 'the transport worker blocks sending on Events after the processor has stopped; Stop waits for it forever',
    fix: 'offer each message in a select that also watches the stopper',
    source: 'https://github.com/cockroachdb/cockroach/pull/1462',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const mu = new Mutex(sim, 'stopper.mu');
    const s = {
      stopper: sim.chan<never>(0, 'stopper.stopper'),
      stopped: sim.chan<never>(0, 'stopper.stopped'),
      stop: new WaitGroup(sim, 'stopper.stop'),
      mu,
      drain: new Cond(sim, mu, 'stopper.drain'),
      draining: false,
      numTasks: 0,
    };
    const events = sim.chan<number>(0, 'lt.Events');

    function* runWorker(name: string, f: () => Proc<void>): Proc<void> {
      yield* s.stop.add(1); // AddWorker
      sim.spawn(name, function* () {
        yield* f();
        yield* s.stop.done(); // deferred SetStopped
      });
    }
    function* quiesce(): Proc<void> {
      yield* s.mu.lock();
      s.draining = true;
      while (s.numTasks > 0) yield* s.drain.wait();
      yield* s.mu.unlock();
    }
    function* stop(): Proc<void> {
      yield* quiesce();
      closeChan(s.stopper);
      yield* s.stop.wait();
      yield* s.mu.lock();
      closeChan(s.stopped);
      yield* s.mu.unlock();
    }
    function* transportLoop(): Proc<void> {
      for (;;) {
        if (fixed) {
          if ((yield* select([onRecv(s.stopper), onSend(events, 0)])).index === 0) return;
          continue;
        }
        if ((yield* select([onRecv(s.stopper)], true)).index === 0) return;
        yield* send(events, 0);
      }
    }
    function* processEventsUntil(): Proc<void> {
      for (;;) {
        const r = yield* select([onRecv(events), onRecv(s.stopper)]);
        if (r.index === 1 || !r.ok) return;
      }
    }

    sim.spawn('test', function* () {
      yield* runWorker('transport', transportLoop); // NewLocalInterceptableTransport -> start
      yield* runWorker('processEventsUntil', processEventsUntil);
      yield* stop();
    });
    return {};
  },
});
