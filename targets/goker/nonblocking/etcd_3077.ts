/**
 * GoKer etcd#3077 — non-blocking, Go-specific, misuse of channel.
 *
 * The raft node's goroutine makes its own `stopped` and `done` channels when it starts
 * (`r.stopped = make(…)`, `r.done = make(…)`), while the server goroutine that started it
 * later reads those fields to stop it (`s.r.stopped <- …`, `<-s.r.done`). The server only
 * sleeps 10 ms in between, which orders nothing: the fields race.
 *
 * Fix (etcd#3077): the channels are made before the raft goroutine starts, by the
 * goroutine that starts it, so the `go` statement orders their writes before every read.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, onRecv, onSend, recv, select, send, Shared, sleep, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'etcd_3077',
    group: 'non-blocking',
    description: 'raftNode.run makes r.stopped and r.done while the server goroutine reads them to stop it',
    fix: 'the raft node\'s channels are made before its goroutine starts',
    source: 'https://github.com/etcd-io/etcd/pull/3077',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const r = {
      stopped: new Shared<Chan<boolean> | null>(sim, null, 'r.stopped'),
      done: new Shared<Chan<never> | null>(sim, null, 'r.done'),
    };
    const makeChannels = (who: string): void => {
      r.stopped.store(sim.chan<boolean>(0, 'r.stopped'), `${who}: r.stopped = make(chan struct{})`);
      r.done.store(sim.chan<never>(0, 'r.done'), `${who}: r.done = make(chan struct{})`);
    };

    function* raftRun(): Proc<void> {
      if (!fixed) makeChannels('raftNode.run');
      yield* recv(r.stopped.load('raftNode.run: <-r.stopped'));
      closeChan(r.done.load('raftNode.stop: close(r.done)')); // defer r.stop()
    }

    sim.spawn('test', function* () {
      // srv.start()
      const s = { done: sim.chan<never>(0, 's.done'), stop: sim.chan<boolean>(0, 's.stop') };
      sim.spawn('EtcdServer.run', function* () {
        if (fixed) makeChannels('EtcdServer.run');
        sim.spawn('raftNode.run', raftRun);
        yield* sleep(10 * Millisecond); // "wait s.r.run"
        yield* recv(s.stop);
        // deferred: stop the raft node, then report done
        yield* send(r.stopped.load('EtcdServer.run (defer): s.r.stopped <- struct{}{}'), true);
        yield* recv(r.done.load('EtcdServer.run (defer): <-s.r.done'));
        closeChan(s.done);
      });
      // defer srv.Stop()
      const sel = yield* select([onSend(s.stop, true), onRecv(s.done)]);
      if (sel.index === 0) yield* recv(s.done);
    });
    return {};
  },
});
