/**
 * GoKer cockroach#35931 — communication deadlock, channel.
 *
 * Cancelling a flow pushes a cancellation message into each of its inbound streams, one
 * after the other. A processor reading two inputs waits on the empty right one; the left
 * one is full. When the canceller pushes to the left stream first it blocks there and
 * never reaches the right stream, the only one the processor reads.
 *
 * The GoKer kernel has no reader at all, so every order blocks; this port adds the
 * processor the README describes (it reads the right input until cancelled, then drains
 * the left one), in both variants. Which stream the canceller visits first is Go's map
 * iteration order.
 *
 * Fix (cockroach#35931, "distsqlrun: fix deadlock in flow cancellation"): the
 * cancellation messages are pushed from separate goroutines.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, recv, send, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { mapRange } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_35931',
    description: 'Flow.cancel pushes to a full inbound stream before the one the processor is reading',
    fix: 'push each cancellation message from its own goroutine',
    source: 'https://github.com/cockroachdb/cockroach/pull/35931',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const registry = new Mutex(sim, 'flowRegistry');
    const left = sim.chan<null>(1, 'left.dataChan');
    const right = sim.chan<null>(1, 'right.dataChan');
    const inboundStreams = new Map<number, Chan<null>>([
      [0, left],
      [1, right],
    ]);

    function* cancel(): Proc<void> {
      yield* registry.lock();
      const receivers = mapRange(sim, inboundStreams).map(([, r]) => r); // cancelPendingStreamsLocked
      yield* registry.unlock();
      for (const [i, r] of receivers.entries()) {
        if (fixed) sim.spawn(`push cancellation ${i}`, () => send(r, null));
        else yield* send(r, null);
      }
    }

    sim.spawn('test', function* () {
      yield* send(left, null); // left.Push(): the left input is full
      // The processor the README describes: it waits on the right input, then drains the left.
      sim.spawn('processor', function* () {
        yield* recv(right);
        yield* recv(left);
        yield* recv(left);
      });
      // RegisterFlow, then flow.cancel()
      yield* cancel();
    });
    return {};
  },
});
