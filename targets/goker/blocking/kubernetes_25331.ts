/**
 * GoKer kubernetes#25331 — communication deadlock, channel & context.
 *
 * The etcd3 watch channel's goroutine, on an error, cancels its own context and then
 * sends the error result on the unbuffered result channel. `Stop` (which delivers that
 * error and cancels) does not read results, and the goroutine, having already passed the
 * context check, blocks in the send forever.
 *
 * Fix (kubernetes#25331): the goroutine no longer cancels the context itself, and sends
 * its result in a select that also watches the context, which `Stop` cancels.
 */
import { background, GoError, onRecv, onSend, select, send, withCancel, type Sim } from '../../../sim/index.ts';
import { defineTarget } from '../../../harness/target.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_25331',
    description: 'watchChan.run sends on resultChan after Stop, which never reads it',
    fix: 'do not cancel in run, and send the result in a select on ctx.Done()',
    source: 'https://github.com/kubernetes/kubernetes/pull/25331',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const [wctx, cancel] = withCancel(background(sim), 'wc.ctx');
    const wc = { ctx: wctx, cancel, resultChan: sim.chan<boolean>(0, 'resultChan'), errChan: sim.chan<GoError>(0, 'errChan') };

    sim.spawn('test', function* () {
      sim.spawn('wc.run', function* () {
        const r = yield* select([onRecv(wc.errChan), onRecv(wc.ctx.done())]);
        if (r.index !== 0) return;
        const errResult = (r.value as GoError).message.length !== 0;
        if (fixed) {
          yield* select([onSend(wc.resultChan, errResult), onRecv(wc.ctx.done())]);
        } else {
          wc.cancel();
          yield* send(wc.resultChan, errResult);
        }
      });
      sim.spawn('wc.Stop', function* () {
        yield* send(wc.errChan, new GoError('Error'));
        wc.cancel();
      });
    });
    return {};
  },
});
