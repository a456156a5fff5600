/**
 * GoKer kubernetes#13058 — non-blocking, Go-specific, WaitGroup.
 *
 * The test starts an informer whose delete handler calls `testDoneWG.Done()` every time
 * the controller's loop runs (every 10 ms), and only then calls `testDoneWG.Add(3)`. When
 * the controller's first round comes before the Add, the counter goes negative: Go's
 * fatal "sync: negative WaitGroup counter".
 *
 * Fix (kubernetes#13058), written from the GoKer description: the test adds to
 * `testDoneWG` before it starts the controller, so every Done has its Add.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, onRecv, select, sleep, WaitGroup, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_13058',
    group: 'non-blocking',
    description: 'the informer\'s handler calls testDoneWG.Done() before the test has called Add',
    fix: 'the test calls testDoneWG.Add before it starts the controller',
    source: 'https://github.com/kubernetes/kubernetes/pull/13058',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    /** `wait.Until(f, period, stopCh)`. */
    function* until(f: () => Proc<void>, period: number, stopCh: Chan<never>): Proc<void> {
      for (;;) {
        const r = yield* select([onRecv(stopCh)], true);
        if (r.index === 0) return;
        yield* f();
        yield* sleep(period);
      }
    }

    sim.spawn('test', function* () {
      const testDoneWG = new WaitGroup(sim, 'testDoneWG');
      // NewInformer: processLoop -> Process -> OnDelete -> DeleteFunc
      const processLoop = () => testDoneWG.done();
      const stop = sim.chan<never>(0, 'stop');
      const threads = 3;
      const tests = 1;
      if (fixed) yield* testDoneWG.add(threads * tests);
      sim.spawn('controller.Run', () => until(processLoop, 10 * Millisecond, stop));
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(threads * tests);
      if (!fixed) yield* testDoneWG.add(threads * tests);
      for (let i = 0; i < threads; i++) {
        sim.spawn(`test${i}-0`, function* () {
          yield* wg.done(); // f(name) does nothing
        });
      }
      yield* wg.wait();
      yield* testDoneWG.wait();
      closeChan(stop);
    });
    return {};
  },
});
