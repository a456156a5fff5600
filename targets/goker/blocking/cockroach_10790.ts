/**
 * GoKer cockroach#10790 — communication deadlock, channel & context.
 *
 * `beginCmds` waits for each prerequisite command's channel; when its context is
 * cancelled it stops waiting and leaves a goroutine to drain the channels (so the command
 * queue can clean up). Prerequisites that are themselves abandoned never deliver, so on
 * shutdown those draining goroutines wait forever.
 *
 * Fix (cockroach#10790), written from the GoKer description and the leak report it fixed
 * (cockroach#10781, "command cancellation without command queue cleanup during
 * shutdown"): the draining goroutine also gives up when the stopper quiesces.
 */
import { background, closeChan, Mutex, onRecv, onSend, select, withCancel, type Chan, type Context, type Proc, type Sim } from '../../../sim/index.ts';
import { defineTarget } from '../../../harness/target.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_10790',
    description: 'a cancelled beginCmds leaves goroutines draining prerequisite channels that never deliver',
    fix: 'the draining goroutine gives up when the stopper quiesces',
    source: 'https://github.com/cockroachdb/cockroach/pull/10790',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const stopper = { quiescer: sim.chan<never>(0, 'stopper.quiescer'), mu: new Mutex(sim, 'stopper.mu'), quiescing: false };
    const chans: Chan<boolean>[] = [sim.chan<boolean>(0, 'chans[0]'), sim.chan<boolean>(0, 'chans[1]')];

    function* quiesce(): Proc<void> {
      yield* stopper.mu.lock();
      if (!stopper.quiescing) {
        stopper.quiescing = true;
        closeChan(stopper.quiescer);
      }
      yield* stopper.mu.unlock();
    }
    function* beginCmds(c: Context): Proc<void> {
      let i = 0;
      for (const ch of chans) {
        const r = yield* select([onRecv(ch), onRecv(c.done())]);
        if (r.index === 1) {
          sim.spawn(`drain${i++}`, function* () {
            for (const ch2 of chans) {
              if (fixed) {
                if ((yield* select([onRecv(ch2), onRecv(stopper.quiescer)])).index === 1) return;
              } else {
                yield* select([onRecv(ch2)]);
              }
            }
          });
        }
      }
    }
    /** The GoKer helper standing for the prerequisite commands. */
    function* sendChans(c: Context): Proc<void> {
      for (const ch of chans) if ((yield* select([onSend(ch, true), onRecv(c.done())])).index === 1) return;
    }

    sim.spawn('test', function* () {
      const [c, cancel] = withCancel(background(sim), 'ctx');
      sim.spawn('sendChans', () => sendChans(c));
      sim.spawn('beginCmds', () => beginCmds(c));
      sim.spawn('cancel', function* () {
        cancel();
      });
      yield* quiesce(); // r.stopper.Stop()
    });
    return {};
  },
});
