/**
 * GoKer etcd#4876 — non-blocking, traditional, data race.
 *
 * A test sets the package variable `ProgressReportInterval` from one goroutine while a
 * watch stream, started from another, reads it to make its progress ticker: nothing orders
 * the write and the read.
 *
 * Fix (etcd#4876), written from the GoKer description: the test sets the interval before
 * it starts the watch, so the `go` statement orders the write before the read.
 */
import { defineTarget } from '../../../harness/target.ts';
import { newTicker, Shared, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { Second } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'etcd_4876',
    group: 'non-blocking',
    description: 'the test writes ProgressReportInterval while the watch stream\'s sendLoop reads it',
    fix: 'the interval is set before the watch is started',
    source: 'https://github.com/etcd-io/etcd/pull/4876',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const progressReportInterval = new Shared(sim, 10 * Second, 'ProgressReportInterval');
    const setInterval = (): void => progressReportInterval.store(3 * Second, 'test: ProgressReportInterval = testInterval');

    /** `watchServer.Watch`: starts the stream's send loop. */
    function watch(): void {
      sim.spawn('sendLoop', function* (): Proc<void> {
        // GoKer drops the ticker without stopping it; a pending tick keeps no run alive.
        newTicker(sim, progressReportInterval.load('sendLoop: time.NewTicker(ProgressReportInterval)'), 'progress');
      });
    }

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(fixed ? 2 : 3);
      sim.spawn('outer', function* () {
        if (fixed) setInterval();
        else {
          sim.spawn('set interval', function* () {
            setInterval();
            yield* wg.done();
          });
        }
        sim.spawn('Watch', function* () {
          watch();
          yield* wg.done();
        });
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
