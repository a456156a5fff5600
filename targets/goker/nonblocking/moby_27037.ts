/**
 * GoKer moby#27037 — non-blocking, Go-specific, anonymous function.
 *
 * A `for i := 17; i <= 21; i++` loop starts a goroutine per iteration that formats `i`,
 * a variable the closure shares with the loop (one variable for the whole loop, as before
 * Go 1.22): the loop's `i++` races with the goroutines' reads.
 *
 * Fix (moby#27037): the goroutine takes `i` as an argument, evaluated by the `go`
 * statement itself.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Shared, WaitGroup, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'moby_27037',
    group: 'non-blocking',
    description: 'goroutines started in a loop read the loop counter the loop keeps incrementing',
    fix: 'the loop counter is passed to the goroutine as an argument',
    source: 'https://github.com/moby/moby/pull/27037',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      const i = new Shared(sim, 17, 'i (loop variable)');
      i.store(17, 'test: i := 17');
      while (i.load('test: i <= 21') <= 21) {
        yield* wg.add(1);
        const arg = fixed ? i.load('test: go func(i int){…}(i)') : null;
        sim.spawn(`sprintf${i.peek()}`, function* () {
          const v = arg ?? i.load('goroutine: fmt.Sprintf("v1.%d", i)');
          void `v1.${v}`;
          yield* wg.done();
        });
        i.store(i.load('test: i++') + 1, 'test: i++');
      }
      yield* wg.wait();
    });
    return {};
  },
});
