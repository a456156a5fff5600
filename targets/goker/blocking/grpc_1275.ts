/**
 * GoKer grpc#1275 — communication deadlock, channel.
 *
 * A stream's reader goroutine blocks reading the stream's receive buffer. The test
 * closes the stream, expecting that to end the read, but `CloseStream` puts nothing in
 * the buffer; the test gives up after a 300 ns timer and the reader leaks.
 *
 * Fix (grpc#1275): `CloseStream` delivers a message to the stream's receive buffer, so the
 * blocked read returns.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, onRecv, recv, select, send, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { Nanosecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'grpc_1275',
    description: 'CloseStream does not wake the goroutine blocked reading the stream',
    fix: 'CloseStream delivers a message to the stream\'s receive buffer',
    source: 'https://github.com/grpc/grpc-go/pull/1275',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    function* closeStream(recvBuf: Chan<boolean>): Proc<void> {
      if (fixed) yield* send(recvBuf, true);
    }

    sim.spawn('test', function* () {
      const recvBuf = sim.chan<boolean>(0, 'recvBuffer.c'); // NewStream
      const donec = sim.chan<never>(0, 'donec');
      sim.spawn('stream.Read', function* () {
        yield* recv(recvBuf); // io.ReadFull -> recvBufferReader.Read
        closeChan(donec);
      });
      yield* closeStream(recvBuf);
      const timeout = sim.newTimer(300 * Nanosecond, 'timeout');
      const r = yield* select([onRecv(donec), onRecv(timeout.C)]);
      if (r.index === 0 && !timeout.stop()) yield* recv(timeout.C);
    });
    return {};
  },
});
