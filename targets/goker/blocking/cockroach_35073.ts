/**
 * GoKer cockroach#35073 — communication deadlock, channel.
 *
 * The outbox's row channel holds 16 rows. The test fills it, starts one more pusher, and
 * starts the outbox, whose main loop fails at once and returns without ever consuming
 * or closing its row channel; the blocked pusher and the test's own next push wait
 * forever.
 *
 * Fix (cockroach#35073): when the outbox's run ends it marks its row channel's consumer
 * closed and drains it, so pushers stop sending and the one blocked gets through.
 */
import { defineTarget } from '../../../harness/target.ts';
import { AtomicInt, onRecv, select, send, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

const NeedMoreRows = 0;
const ConsumerClosed = 2;
const rowChannelBufSize = 16;
const outboxBufRows = 16;

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_35073',
    description: 'the outbox fails at start-up without closing its RowChannel; pushers block on the full channel',
    fix: 'the outbox marks its consumer closed and drains the channel when run ends',
    source: 'https://github.com/cockroachdb/cockroach/pull/35073',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const consumerStatus = new AtomicInt(NeedMoreRows, 'consumerStatus');
    const dataChan = sim.chan<number>(rowChannelBufSize, 'dataChan');

    function* push(): Proc<number> {
      const status = yield* consumerStatus.load();
      if (status === NeedMoreRows) yield* send(dataChan, 0);
      return status;
    }
    function* consumerClosed(): Proc<void> {
      yield* consumerStatus.store(ConsumerClosed);
      yield* select([onRecv(dataChan)], true);
    }

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      for (let i = 0; i < outboxBufRows; i++) yield* push();
      const blockedPusherWg = new WaitGroup(sim, 'blockedPusherWg');
      yield* blockedPusherWg.add(1);
      sim.spawn('blockedPusher', function* () {
        yield* push();
        yield* blockedPusherWg.done();
      });
      // outbox.start
      yield* wg.add(1);
      sim.spawn('outbox.run', function* () {
        // mainLoop returns at once
        if (fixed) yield* consumerClosed();
        yield* wg.done();
      });
      yield* wg.wait();
      yield* push();
    });
    return {};
  },
});
