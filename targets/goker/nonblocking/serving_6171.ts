/**
 * GoKer serving#6171 — non-blocking, Go-specific, testing library.
 *
 * The revision backends manager, made in a subtest with a logger that writes to the
 * subtest's `t`, starts a revision watcher goroutine that logs an error from a further
 * goroutine; the subtest returns at once. The `Logf` reads `t.done` unordered with
 * tRunner's write of it (a race inside `testing`), and when it comes after the whole test
 * has completed Go panics with "Log in goroutine after … has completed", as GoKer's
 * backtrace shows. `testing.T` is modelled in `../testing-t.ts`.
 *
 * Fix (serving#6171), written from the GoKer description: the subtest waits for the
 * watcher's goroutines before it returns, so every `Logf` happens before its test
 * completes.
 */
import { defineTarget } from '../../../harness/target.ts';
import { WaitGroup, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';
import { GoTest } from '../testing-t.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'serving_6171',
    group: 'non-blocking',
    description: 'a revision watcher goroutine logs through the subtest\'s t after the subtest has returned',
    fix: 'the subtest waits for the revision watcher\'s goroutines before it returns',
    source: 'https://github.com/knative/serving/pull/6171',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    sim.spawn('TestServing6171', () =>
      new GoTest(sim, 'TestServing6171').runBody(function* (t) {
        const wg = new WaitGroup(sim, 'wg');
        yield* wg.add(1);
        sim.spawn('outer', function* () {
          yield* t.run('Serving6171', function* (st) {
            const rbm = { logger: st, wg: new WaitGroup(sim, 'rbm.wg') };
            // getOrCreateRevisionWatcher: go rw.run() -> checkDests -> go logger.Errorw
            if (fixed) yield* rbm.wg.add(2);
            sim.spawn('rw.run', function* () {
              sim.spawn('checkDests goroutine', function* () {
                yield* rbm.logger.logf('1', 'checkDests goroutine: logger.Errorw');
                if (fixed) yield* rbm.wg.done();
              });
              if (fixed) yield* rbm.wg.done();
            });
            if (fixed) yield* rbm.wg.wait();
          });
          yield* wg.done();
        });
        yield* wg.wait();
      }),
    );
    return {};
  },
});
