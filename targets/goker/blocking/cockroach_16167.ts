/**
 * GoKer cockroach#16167 — resource deadlock, RWR.
 *
 * The executor's `systemConfigCond` is a condition variable over the read side of
 * `systemConfigMu`. `execParsed` read-locks through the Cond's locker and, deeper in the
 * same call chain, read-locks `systemConfigMu` again to get the database cache. When
 * `updateSystemConfig`'s `Lock` arrives between the two, Go's writer priority blocks the
 * second read lock behind a writer that waits for the first.
 *
 * Fix (cockroach#16167), written from the GoKer description: the database cache is read
 * under the read lock the caller already holds, without locking again.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Cond, RWMutex, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_16167',
    description: 'execParsed read-locks systemConfigMu twice in one call chain; a writer in between deadlocks both',
    fix: 'read the database cache under the read lock already held',
    source: 'https://github.com/cockroachdb/cockroach/pull/16167',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const systemConfigMu = new RWMutex(sim, 'systemConfigMu');
    const systemConfigCond = new Cond(sim, systemConfigMu.rLocker(), 'systemConfigCond');

    function* getDatabaseCache(): Proc<void> {
      if (fixed) return; // the caller holds the read lock
      yield* systemConfigMu.rLock();
      yield* systemConfigMu.rUnlock();
    }
    function* execParsed(): Proc<void> {
      yield* systemConfigCond.L.lock();
      // runTxnAttempt -> execStmtsInCurrentTxn -> execStmtInOpenTxn -> PreparedStatements.New
      // -> Prepare -> resetForBatch -> getDatabaseCache
      yield* getDatabaseCache();
      yield* systemConfigCond.L.unlock();
    }
    function* updateSystemConfig(): Proc<void> {
      yield* systemConfigMu.lock();
      yield* systemConfigMu.unlock();
    }

    sim.spawn('test', function* () {
      sim.spawn('e.Start', updateSystemConfig);
      yield* execParsed();
    });
    return {};
  },
});
