/**
 * GoKer kubernetes#81091 — non-blocking, traditional, data race.
 *
 * The scheduler runs its filter plugins from `ParallelizeUntil`'s two workers, and the
 * test's fake filter plugin counts its calls with a plain `numFilterCalled++`: the two
 * workers' increments race.
 *
 * Fix (kubernetes#81091): the fake plugin counts its calls atomically.
 */
import { defineTarget } from '../../../harness/target.ts';
import { AtomicInt, closeChan, onRecv, recvOk, select, send, Shared, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_81091',
    group: 'non-blocking',
    description: "ParallelizeUntil's workers both increment the fake filter plugin's call counter",
    fix: 'the fake filter plugin counts its calls atomically',
    source: 'https://github.com/kubernetes/kubernetes/pull/81091',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    function* parallelizeUntil(workers: number, pieces: number, doWorkPiece: (piece: number) => Proc<void>): Proc<void> {
      const stop = null; // var stop <-chan struct{}
      const toProcess = sim.chan<number>(pieces, 'toProcess');
      for (let i = 0; i < pieces; i++) yield* send(toProcess, i);
      closeChan(toProcess);
      const n = Math.min(workers, pieces);
      const wg = new WaitGroup(sim, 'ParallelizeUntil.wg');
      yield* wg.add(n);
      for (let i = 0; i < n; i++) {
        sim.spawn(`worker${i}`, function* () {
          for (;;) {
            const r = yield* recvOk(toProcess); // for piece := range toProcess
            if (!r.ok) break;
            if ((yield* select([onRecv(stop)], true)).index === 0) break;
            yield* doWorkPiece(r.value as number);
          }
          yield* wg.done();
        });
      }
      yield* wg.wait();
    }

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(1);
      sim.spawn('TestKubernetes81091', function* () {
        const numFilterCalled = new Shared(sim, 0, 'fp.numFilterCalled');
        const atomicCalls = new AtomicInt(0, 'fp.numFilterCalled');
        /** `framework.RunFilterPlugins` over its one fake plugin. */
        function* runFilterPlugins(): Proc<void> {
          if (fixed) yield* atomicCalls.add(1);
          else numFilterCalled.store(numFilterCalled.load('Filter: read fp.numFilterCalled') + 1, 'Filter: fp.numFilterCalled++');
        }
        yield* parallelizeUntil(2, 2, () => runFilterPlugins()); // scheduler.Schedule -> findNodesThatFit
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
