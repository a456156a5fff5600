/**
 * GoKer grpc#1687 — non-blocking, Go-specific, misuse of channel.
 *
 * The handler transport's `WriteStatus` hands its last write to the stream's run loop
 * and then closes the `writes` channel to end it. A `Write` after it (here by the same
 * handler goroutine) still finds `closedCh` open, so its `select` sends on the closed
 * `writes` channel: Go panics with "send on closed channel".
 *
 * Fix (grpc#1687): `writes` is never closed; `WriteStatus` ends the stream by closing
 * `closedCh` (the transport's Close), which the run loop and every later write select on.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, onRecv, onSend, select, sleep, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'grpc_1687',
    group: 'non-blocking',
    description: 'WriteStatus closes the writes channel that a later Write sends on',
    fix: 'WriteStatus closes closedCh (Close) instead of writes',
    source: 'https://github.com/grpc/grpc-go/pull/1687',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const ht = { closedCh: sim.chan<never>(0, 'ht.closedCh'), writes: sim.chan<() => void>(0, 'ht.writes') };

    function* doWrite(fn: () => void): Proc<void> {
      const early = yield* select([onRecv(ht.closedCh)], true);
      if (early.index === 0) return;
      yield* select([onSend(ht.writes, fn), onRecv(ht.closedCh)]);
    }
    function* writeStatus(): Proc<void> {
      yield* doWrite(() => {});
      if (fixed) closeChan(ht.closedCh);
      else closeChan(ht.writes);
    }
    function* runStream(): Proc<void> {
      for (;;) {
        const r = yield* select([onRecv(ht.writes), onRecv(ht.closedCh)]);
        if (r.index === 1 || !r.ok) return;
        (r.value as () => void)();
      }
    }

    sim.spawn('test', function* () {
      // HandleStreams(func() { go handleStream(st) })
      sim.spawn('handleStream', function* () {
        yield* writeStatus();
        yield* doWrite(() => {}); // st.ht.Write()
      });
      yield* runStream();
      yield* sleep(10 * Millisecond);
    });
    return {};
  },
});
