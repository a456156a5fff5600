/**
 * GoKer kubernetes#6632 — mixed deadlock, channel & lock.
 *
 * `WriteFrame` holds the framer's write lock while it sends on the unbuffered reset
 * channel, which nobody reads once the connection is closing; `monitor`, seeing the
 * close, needs the write lock to close the reset channel. Each waits for the other.
 *
 * Fix (kubernetes#6632): when the connection closes, `monitor` starts a goroutine that
 * drains the reset channel before it takes the write lock.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, recv, recvOk, send, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_6632',
    description: 'WriteFrame sends on resetChan holding writeLock; monitor needs writeLock to close resetChan',
    fix: 'monitor drains resetChan in a goroutine before taking writeLock',
    source: 'https://github.com/kubernetes/kubernetes/pull/6632',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const writeLock = new Mutex(sim, 'writeLock');
    const framer = { resetChan: sim.chan<boolean>(0, 'resetChan') as Chan<boolean> | null };
    const closeChanC = sim.chan<boolean>(0, 'conn.closeChan');

    function* monitor(): Proc<void> {
      const resetChan = framer.resetChan as Chan<boolean>;
      yield* recv(closeChanC);
      if (fixed) {
        sim.spawn('drain resetChan', function* () {
          while ((yield* recvOk(resetChan)).ok);
        });
      }
      yield* writeLock.lock();
      closeChan(resetChan);
      framer.resetChan = null;
      yield* writeLock.unlock();
    }
    function* writeFrame(): Proc<void> {
      yield* writeLock.lock();
      if (framer.resetChan !== null) yield* send(framer.resetChan, true);
      yield* writeLock.unlock();
    }

    sim.spawn('test', function* () {
      sim.spawn('closer', () => send(closeChanC, true));
      sim.spawn('monitor', monitor);
      sim.spawn('WriteFrame', writeFrame);
    });
    return {};
  },
});
