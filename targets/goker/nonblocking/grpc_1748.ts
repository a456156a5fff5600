/**
 * GoKer grpc#1748 — non-blocking, traditional, data race.
 *
 * A test lowers the package-level `minConnectTimeout` and restores it when it returns. The
 * `ClientConn` it built goes on in the background: the balancer watcher connects a
 * sub-connection whose `transportMonitor` goroutine reads `minConnectTimeout`, unordered
 * with the test's deferred restore. (`balanceMutex` is GoKer's, against another race.)
 *
 * Fix (grpc-go#1748), as GoKer's comment on the restore says it must be: the restore runs
 * only after every `transportMonitor` goroutine has ended — the test closes the
 * `ClientConn`, which waits for the balancer watcher and the monitors it started.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, recv, Shared, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { Second } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'grpc_1748',
    group: 'non-blocking',
    description: "a test restores minConnectTimeout while its ClientConn's transportMonitor goroutines still read it",
    fix: 'close the ClientConn (waiting for its watcher and transport monitors) before restoring minConnectTimeout',
    source: 'https://github.com/grpc/grpc-go/pull/1748',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const minConnectTimeout = new Shared(sim, 10 * Second, 'minConnectTimeout');
    const balanceMutex = new Mutex(sim, 'balanceMutex');

    interface ClientConn {
      readonly watcherDone: ReturnType<typeof sim.chan<never>>;
      /** Running transport monitors (the fixed variant's close waits for them). */
      readonly monitors: WaitGroup;
    }
    /** `pickfirstBalancer.HandleResolvedAddrs`: a new sub-connection, connected. */
    function* handleResolvedAddrs(cc: ClientConn, n: number): Proc<void> {
      const ac = { mu: new Mutex(sim, `ac${n}.mu`), acbw: null as unknown };
      const acbw = { mu: new Mutex(sim, `acbw${n}.mu`), ac };
      yield* ac.mu.lock(); // NewSubConn
      ac.acbw = acbw;
      yield* ac.mu.unlock();
      yield* acbw.mu.lock(); // acbw.Connect
      yield* cc.monitors.add(1);
      sim.spawn(`transportMonitor${n}`, function* () {
        minConnectTimeout.load('transportMonitor: resetTransport reads minConnectTimeout');
        yield* cc.monitors.done();
      });
      yield* acbw.mu.unlock();
    }
    function* switchBalancer(cc: ClientConn): Proc<void> {
      const balancer = new Shared<boolean>(sim, false, 'ccb.balancer');
      sim.spawn('ccb.watcher', function* () {
        for (let i = 0; i < 10; i++) {
          yield* balanceMutex.lock();
          if (balancer.load('watcher: read ccb.balancer')) {
            yield* balanceMutex.unlock();
            yield* handleResolvedAddrs(cc, i);
          } else {
            yield* balanceMutex.unlock();
          }
        }
        closeChan(cc.watcherDone);
      });
      yield* balanceMutex.lock();
      balancer.store(true, 'newCCBalancerWrapper: ccb.balancer = Build()');
      yield* balanceMutex.unlock();
    }

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(1);
      sim.spawn('TestGrpc1748', function* () {
        const bkp = minConnectTimeout.load('test: mctBkp := minConnectTimeout');
        const cc: ClientConn = { watcherDone: sim.chan<never>(0, 'cc.watcherDone'), monitors: new WaitGroup(sim, 'cc.monitors') };
        yield* switchBalancer(cc);
        if (fixed) {
          yield* recv(cc.watcherDone); // cc.Close()
          yield* cc.monitors.wait();
        }
        minConnectTimeout.store(bkp, 'test: deferred restore of minConnectTimeout');
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
