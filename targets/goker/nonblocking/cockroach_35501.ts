/**
 * GoKer cockroach#35501 — non-blocking, Go-specific, anonymous function.
 *
 * `validateChecks` starts one goroutine per check inside a `range` loop, and each
 * goroutine reads the check's name through the loop variable `c`. Before Go 1.22 (the
 * GoKer era) a range loop has one `c` for all its iterations, which the loop assigns at
 * the start of each one, so the next iteration's assignment races with the goroutine
 * started by the previous one reading `c.Name`. Nobody waits for those goroutines.
 *
 * Fix (cockroach#35501): each goroutine gets a copy of the check made in its own
 * iteration, before the `go` statement, so no goroutine reads the loop variable.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Shared, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

/** GoKer's `ConstraintToValidate`. */
interface Check {
  readonly name: string;
}

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_35501',
    group: 'non-blocking',
    description: 'goroutines started in a range loop read the loop variable the next iteration overwrites',
    fix: 'each goroutine gets its own copy of the check, made before the go statement',
    source: 'https://github.com/cockroachdb/cockroach/pull/35501',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    function* validateChecks(checks: readonly Check[]): Proc<void> {
      // `for _, c := range checks`: one variable, assigned by every iteration.
      const c = new Shared<Check | null>(sim, null, 'c (range variable)');
      for (const [k, check] of checks.entries()) {
        c.store(check, 'validateChecks: range assigns c');
        const mine = fixed ? new Shared<Check | null>(sim, null, `c (copy ${k})`) : c;
        if (fixed) mine.store(check, 'validateChecks: c := c');
        sim.spawn(`validateCheckInTxn${k}`, function* () {
          mine.load('validateCheckInTxn: read *checkName'); // FindCheckByName(*checkName)
        });
      }
    }

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(1);
      sim.spawn('runBackfill', function* () {
        const checks = Array.from({ length: 10 }, (): Check => ({ name: 'nil string' }));
        yield* validateChecks(checks);
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
