/**
 * GoKer cockroach#9935 — resource deadlock, double locking.
 *
 * `outputLogEntry` holds `l.mu` while creating a log file; when that fails (6 times in 8
 * in the kernel) it calls `exit`, which locks `l.mu` again and blocks its own goroutine.
 *
 * Fix (cockroach#9935): release `l.mu` before calling `exit` on the error path.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, type Proc, type Sim } from '../../../sim/index.ts';
import { randIntn } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_9935',
    description: 'loggingT.exit locks l.mu, which outputLogEntry already holds when file creation fails',
    fix: 'unlock l.mu before exit on the error path',
    source: 'https://github.com/cockroachdb/cockroach/pull/9935',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const mu = new Mutex(sim, 'l.mu');

    /** `createFile`: fails when `rand.Intn(8) % 4 > 0`. */
    const createFileFails = (): boolean => randIntn(sim, 8) % 4 > 0;
    function* exit(): Proc<void> {
      yield* mu.lock();
      yield* mu.unlock();
    }
    function* outputLogEntry(): Proc<void> {
      yield* mu.lock();
      if (createFileFails()) {
        if (fixed) {
          yield* mu.unlock();
          yield* exit();
          return;
        }
        yield* exit();
      }
      yield* mu.unlock();
    }

    sim.spawn('test', function* () {
      sim.spawn('outputLogEntry', outputLogEntry);
    });
    return {};
  },
});
