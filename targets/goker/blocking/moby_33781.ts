/**
 * GoKer moby#33781 — communication deadlock, channel & context.
 *
 * The health-check monitor starts each probe in a goroutine that reports on an
 * unbuffered results channel, and waits for the result, the probe's timeout, or a stop
 * request. When the stop request wins, the monitor returns without draining the results
 * channel, and the probe goroutine blocks in its send forever.
 *
 * Fix (moby#33781), written from the GoKer description: the results channel gets a
 * buffer of one, so the probe's report never blocks.
 */
import { background, closeChan, onRecv, recv, select, send, sleep, withTimeout, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { defineTarget } from '../../../harness/target.ts';
import { Nanosecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'moby_33781',
    description: 'the monitor returns on stop without draining the probe\'s results channel',
    fix: 'buffer the results channel by one',
    source: 'https://github.com/moby/moby/pull/33781',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const probeInterval = 50 * Nanosecond;
    const probeTimeout = 50 * Nanosecond;

    function* monitor(stop: Chan<boolean>): Proc<void> {
      for (let probe = 0; ; probe++) {
        if ((yield* select([onRecv(stop), onRecv(sim.after(probeInterval))])).index === 0) return;
        const results = sim.chan<boolean>(fixed ? 1 : 0, `results#${probe}`);
        const [pctx, cancelProbe] = withTimeout(background(sim), probeTimeout, `probe#${probe}`);
        sim.spawn(`probe#${probe}`, function* () {
          yield* send(results, true);
          closeChan(results);
        });
        const r = yield* select([onRecv(stop), onRecv(results), onRecv(pctx.done())]);
        cancelProbe();
        if (r.index === 0) return;
        if (r.index === 2) yield* recv(results);
      }
    }

    sim.spawn('test', function* () {
      const stop = sim.chan<boolean>(0, 'stop');
      sim.spawn('monitor', () => monitor(stop));
      sim.spawn('stopper', function* () {
        yield* sleep(50 * Nanosecond);
        yield* send(stop, true);
      });
    });
    return {};
  },
});
