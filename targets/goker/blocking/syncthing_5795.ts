/**
 * GoKer syncthing#5795 — communication deadlock, channel.
 *
 * A connection's dispatcher loop hands a cluster-config message to the model, whose
 * handler closes the connection. `Close` runs `internalClose` in the dispatcher's own
 * goroutine, and that waits for the dispatcher loop to stop: the dispatcher waits for
 * itself, and the test waits for the dispatcher.
 *
 * Fix (syncthing#5795): `Close` runs `internalClose` in a new goroutine.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Once, onRecv, recv, select, send, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'syncthing_5795',
    description: 'the dispatcher loop closes its own connection and waits for itself to stop',
    fix: 'Close runs internalClose in a new goroutine',
    source: 'https://github.com/syncthing/syncthing/pull/5795',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const c = {
      inbox: sim.chan<'ClusterConfig'>(0, 'inbox'),
      dispatcherLoopStopped: sim.chan<never>(0, 'dispatcherLoopStopped'),
      closed: sim.chan<never>(0, 'closed'),
      closeOnce: new Once(sim, 'closeOnce'),
    };

    function* internalClose(): Proc<void> {
      yield* c.closeOnce.do(function* () {
        closeChan(c.closed);
        yield* recv(c.dispatcherLoopStopped);
      });
    }
    function* close(): Proc<void> {
      if (fixed) sim.spawn('internalClose', internalClose);
      else yield* internalClose();
    }
    function* readerLoop(): Proc<void> {
      for (;;) if ((yield* select([onRecv(c.closed)], true)).index === 0) return;
    }
    function* dispatcherLoop(): Proc<void> {
      for (;;) {
        const r = yield* select([onRecv(c.inbox), onRecv(c.closed)]);
        if (r.index === 1) break;
        if (r.value === 'ClusterConfig') yield* close(); // receiver.ClusterConfig -> ccFn
        else break;
      }
      closeChan(c.dispatcherLoopStopped);
    }

    sim.spawn('test', function* () {
      sim.spawn('readerLoop', readerLoop);
      sim.spawn('dispatcherLoop', dispatcherLoop);
      yield* send(c.inbox, 'ClusterConfig');
      yield* recv(c.dispatcherLoopStopped);
    });
    return {};
  },
});
