/**
 * GoKer serving#4908 — non-blocking, Go-specific, testing library.
 *
 * A revision watcher built in a subtest logs through a logger that writes to the
 * subtest's `t` (zap's test logger, reduced by GoKer to a chain of interfaces ending in
 * `t.Logf`). `checkDests` logs from a goroutine that nothing waits for, so the `Logf`
 * reads `t.done` unordered with tRunner's write of it when the subtest completes: the
 * race `go test -race` reports inside `testing` (and, when the goroutine runs after the
 * whole test has completed, Go's "Log in goroutine after … has completed" panic).
 * `testing.T` is modelled in `../testing-t.ts`.
 *
 * Fix (serving#4908), written from the GoKer description: the watcher's logging goroutine
 * is waited for before the subtest returns, so every `Logf` happens before its test
 * completes.
 */
import { defineTarget } from '../../../harness/target.ts';
import { WaitGroup, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';
import { GoTest } from '../testing-t.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'serving_4908',
    group: 'non-blocking',
    description: 'a goroutine logs through the subtest\'s t while the subtest completes',
    fix: 'the subtest waits for the watcher\'s logging goroutine before it returns',
    source: 'https://github.com/knative/serving/pull/4908',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    sim.spawn('TestServing4908', () =>
      new GoTest(sim, 'TestServing4908').runBody(function* (t) {
        const wg = new WaitGroup(sim, 'wg');
        yield* wg.add(1);
        sim.spawn('outer', function* () {
          yield* t.run('TestServing4908', function* (st) {
            const rw = { logger: st, wg: new WaitGroup(sim, 'rw.wg') }; // newRevisionWatcher(TestLogger(t))
            const innerWg = new WaitGroup(sim, '_wg');
            yield* innerWg.add(1);
            sim.spawn('runWithTickCh', function* () {
              // checkDests
              if (fixed) yield* rw.wg.add(1);
              sim.spawn('checkDests goroutine', function* () {
                yield* rw.logger.logf('1', 'checkDests goroutine: logger.Info'); // Info -> Check().Write() -> testingWriter -> t.Logf
                if (fixed) yield* rw.wg.done();
              });
              yield* innerWg.done();
            });
            yield* innerWg.wait();
            if (fixed) yield* rw.wg.wait();
          });
          yield* wg.done();
        });
        yield* wg.wait();
      }),
    );
    return {};
  },
});
