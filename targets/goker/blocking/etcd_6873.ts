/**
 * GoKer etcd#6873 — mixed deadlock, channel & lock.
 *
 * `watchBroadcasts.stop` holds `wbs.mu`, closes the update channel and waits for the
 * coalescing goroutine to finish (`<-donec`). That goroutine may be in `coalesce`, which
 * locks `wbs.mu`: each waits for the other.
 *
 * Fix (etcd 7618fdd): release `wbs.mu` before waiting on `donec`.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, onSend, recv, recvOk, select, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'etcd_6873',
    description: 'watchBroadcasts.stop waits for the coalescing goroutine while holding the lock it needs',
    fix: 'unlock wbs.mu before waiting on donec',
    source: 'https://github.com/etcd-io/etcd/commit/7618fdd1d642e47cac70c03f637b0fd798a53a6e',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const mu = new Mutex(sim, 'wbs.mu');
    const updatec = sim.chan<number>(1, 'wbs.updatec');
    const donec = sim.chan<never>(0, 'wbs.donec');

    function* coalesce(): Proc<void> {
      yield* mu.lock();
      yield* mu.unlock();
    }
    function* stop(): Proc<void> {
      yield* mu.lock();
      closeChan(updatec);
      if (fixed) {
        yield* mu.unlock();
        yield* recv(donec);
        return;
      }
      yield* recv(donec);
      yield* mu.unlock();
    }

    sim.spawn('test', function* () {
      // newWatchBroadcasts
      sim.spawn('coalescer', function* () {
        for (;;) {
          const r = yield* recvOk(updatec); // for wb := range wbs.updatec
          if (!r.ok) break;
          yield* coalesce();
        }
        closeChan(donec);
      });
      yield* select([onSend(updatec, 1)], true); // update
      sim.spawn('wbs.stop', stop);
    });
    return {};
  },
});
