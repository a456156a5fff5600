/**
 * GoKer grpc#1424 — communication deadlock, channel.
 *
 * `DialContext` starts a goroutine that starts the balancer watcher and waits for it to
 * close `doneChan`. The watcher ranges over the balancer's notify channel and, when that
 * is closed, returns without closing `doneChan`: the waiting goroutine leaks.
 *
 * Fix (grpc#1424): the watcher closes `doneChan` when it returns (`defer close(doneChan)`).
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, recv, recvOk, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'grpc_1424',
    description: 'lbWatcher returns without closing doneChan, which DialContext\'s goroutine waits on',
    fix: 'lbWatcher closes doneChan when it returns',
    source: 'https://github.com/grpc/grpc-go/pull/1424',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const addrCh = sim.chan<boolean>(0, 'rr.addrCh');
    const conns: Mutex[] = [];

    function* lbWatcher(doneChan: Chan<boolean>): Proc<void> {
      for (;;) {
        if (!(yield* recvOk(addrCh)).ok) break;
        for (const mu of conns.slice()) {
          yield* mu.lock(); // tearDown
          yield* mu.unlock();
        }
      }
      if (fixed) closeChan(doneChan);
    }

    sim.spawn('test', function* () {
      sim.spawn('DialContext', function* () {
        const waitC = sim.chan<never>(1, 'waitC');
        sim.spawn('dial', function* () {
          const doneChan = sim.chan<boolean>(0, 'doneChan');
          sim.spawn('lbWatcher', () => lbWatcher(doneChan));
          yield* recv(doneChan);
          closeChan(waitC);
        });
        closeChan(addrCh);
      });
    });
    return {};
  },
});
