/**
 * GoKer cockroach#18101 — communication deadlock, channel & context.
 *
 * `restore` starts a producer that sends eight spans on a channel with room for six,
 * then returns as soon as its context is cancelled, without draining the channel. The
 * producer ignores the context and blocks on its seventh send forever.
 *
 * Fix (cockroach#18101): the producer's sends also select on the context.
 */
import { background, closeChan, onRecv, onSend, recvOk, select, withCancel, type Chan, type Context, type Proc, type Sim } from '../../../sim/index.ts';
import { defineTarget } from '../../../harness/target.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

const chanSize = 6;

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_18101',
    description: 'splitAndScatter keeps sending after restore has returned on cancellation',
    fix: 'every send also selects on ctx.Done()',
    source: 'https://github.com/cockroachdb/cockroach/pull/18101',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    function* splitAndScatter(c: Context, ch: Chan<boolean>): Proc<void> {
      for (let i = 0; i < chanSize + 2; i++) {
        if (fixed) {
          if ((yield* select([onSend(ch, i !== 0), onRecv(c.done())])).index === 1) return;
        } else {
          yield* select([onSend(ch, i !== 0)]);
        }
      }
    }
    function* restore(c: Context): Proc<boolean> {
      const readyForImportCh = sim.chan<boolean>(chanSize, 'readyForImportCh');
      sim.spawn('splitAndScatter', function* () {
        yield* splitAndScatter(c, readyForImportCh);
        closeChan(readyForImportCh);
      });
      for (;;) {
        const r = yield* recvOk(readyForImportCh);
        if (!r.ok) return true;
        yield* select([onRecv(c.done())]);
        return r.value as boolean;
      }
    }

    sim.spawn('test', function* () {
      const [c, cancel] = withCancel(background(sim), 'ctx');
      sim.spawn('restore', () => restore(c));
      sim.spawn('cancel', function* () {
        cancel();
      });
    });
    return {};
  },
});
