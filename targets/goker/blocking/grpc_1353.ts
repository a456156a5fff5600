/**
 * GoKer grpc#1353 — mixed deadlock, channel & lock.
 *
 * The round-robin balancer sends each address update on its unbuffered channel while
 * holding its mutex. The client's watcher, processing the previous update, tears the
 * connections down, which calls the balancer's `down` and takes that mutex: the balancer
 * waits for the watcher to receive, the watcher waits for the mutex.
 *
 * Fix (grpc#1353): the update channel gets a buffer of one, and the balancer drains a
 * stale update from it before sending, so its send never blocks while it holds the mutex.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, onRecv, recv, recvOk, select, send, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

/** Updates the balancer sends (as in GoKer). */
const UPDATES = 100;

export default defineTarget({
  ...kernelTarget({
    id: 'grpc_1353',
    description: 'roundRobin sends on addrCh holding rr.mu; lbWatcher tearing down connections needs rr.mu',
    fix: 'buffer addrCh by one and drain it before each send',
    source: 'https://github.com/grpc/grpc-go/pull/1353',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const rr = { mu: new Mutex(sim, 'rr.mu'), addrCh: null as Chan<boolean> | null };
    const helpCh = sim.chan<never>(0, 'HelpCh');
    const conns = [0, 1].map((i) => ({ mu: new Mutex(sim, `addrConn${i}.mu`) }));

    function* down(): Proc<void> {
      yield* rr.mu.lock();
      yield* rr.mu.unlock();
    }
    function* watchAddrUpdates(): Proc<void> {
      yield* rr.mu.lock();
      const ch = rr.addrCh as Chan<boolean>;
      if (fixed) yield* select([onRecv(ch)], true);
      yield* send(ch, true);
      yield* rr.mu.unlock();
    }
    function* start(): Proc<void> {
      rr.addrCh = sim.chan<boolean>(fixed ? 1 : 0, 'rr.addrCh');
      sim.spawn('watchAddrUpdates', function* () {
        for (let i = 0; i < UPDATES; i++) yield* watchAddrUpdates();
        closeChan(helpCh);
      });
    }
    function* close(): Proc<void> {
      yield* rr.mu.lock();
      if (rr.addrCh !== null) closeChan(rr.addrCh);
      yield* rr.mu.unlock();
    }
    function* lbWatcher(): Proc<void> {
      for (;;) {
        const r = yield* recvOk(rr.addrCh);
        if (!r.ok) return;
        for (const c of conns.slice()) {
          // tearDown
          yield* c.mu.lock();
          yield* down();
          yield* c.mu.unlock();
        }
      }
    }

    sim.spawn('test', function* () {
      yield* start();
      sim.spawn('lbWatcher', lbWatcher);
      sim.spawn('closer', function* () {
        yield* recv(helpCh);
        yield* close();
      });
    });
    return {};
  },
});
