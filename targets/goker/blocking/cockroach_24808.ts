/**
 * GoKer cockroach#24808 — communication deadlock, channel.
 *
 * The compactor's suggestion channel has a buffer of one. When the compactor is started
 * after a suggestion has already arrived, `Start`'s own send to wake the worker finds the
 * buffer full and blocks the test forever, before the worker that would drain it exists.
 *
 * Fix (cockroach#24808): `Start` wakes the worker with a non-blocking send.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, onRecv, onSend, select, send, WaitGroup, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_24808',
    description: 'Compactor.Start blocks sending on its full suggestion channel',
    fix: 'wake the worker with a non-blocking send',
    source: 'https://github.com/cockroachdb/cockroach/pull/24808',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const stopper = { stop: new WaitGroup(sim, 'stopper.stop'), stopper: sim.chan<never>(0, 'stopper.stopper') };
    const ch = sim.chan<null>(1, 'compactor.ch');

    function* runWorker(name: string, f: () => Proc<void>): Proc<void> {
      yield* stopper.stop.add(1);
      sim.spawn(name, function* () {
        yield* f();
        yield* stopper.stop.done();
      });
    }
    function* start(c: Chan<null>): Proc<void> {
      if (fixed) yield* select([onSend(c, null)], true);
      else yield* send(c, null);
      yield* runWorker('compactor', function* () {
        for (;;) if ((yield* select([onRecv(stopper.stopper), onRecv(c)])).index === 0) return;
      });
    }

    sim.spawn('test', function* () {
      yield* send(ch, null); // a suggestion arrives before Start
      yield* start(ch);
      closeChan(stopper.stopper); // deferred stopper.Stop()
    });
    return {};
  },
});
