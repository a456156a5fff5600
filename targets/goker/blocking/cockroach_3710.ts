/**
 * GoKer cockroach#3710 — resource deadlock, RWR.
 *
 * `ForceRaftLogScanAndProcess` read-locks the store and, for each replica, asks the raft
 * log queue whether to queue it, which reads the raft status and read-locks the store
 * again. `processRaft`'s goroutine takes the write lock; arriving between the two read
 * locks, it blocks the second one (writer priority) while it waits for the first.
 *
 * Fix (cockroach#3710), written from the GoKer description: collect the replicas under
 * the read lock, release it, then offer each replica to the queue.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, RWMutex, type Proc, type Sim } from '../../../sim/index.ts';
import { mapRange } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_3710',
    description: 'ForceRaftLogScanAndProcess read-locks s.mu, and RaftStatus read-locks it again under a queued writer',
    fix: 'collect the replicas under the read lock and queue them after releasing it',
    source: 'https://github.com/cockroachdb/cockroach/pull/3710',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const mu = new RWMutex(sim, 'store.mu');
    const bq = new Mutex(sim, 'raftLogQueue');
    // Two replicas keyed by a hash of their address; the kernel assumes distinct keys.
    const replicas = new Map([
      [1, 'r1'],
      [4, 'r2'],
    ]);

    function* raftStatus(): Proc<void> {
      yield* mu.rLock();
      yield* mu.rUnlock();
    }
    /** `baseQueue.MaybeAdd` -> `shouldQueue` -> `getTruncatableIndexes` -> `RaftStatus`. */
    function* maybeAdd(): Proc<void> {
      yield* bq.lock();
      yield* raftStatus();
      yield* bq.unlock();
    }
    function* forceRaftLogScanAndProcess(): Proc<void> {
      yield* mu.rLock();
      const rs = mapRange(sim, replicas);
      if (fixed) {
        yield* mu.rUnlock();
        for (let i = 0; i < rs.length; i++) yield* maybeAdd();
        return;
      }
      for (let i = 0; i < rs.length; i++) yield* maybeAdd();
      yield* mu.rUnlock();
    }
    function* processRaft(): Proc<void> {
      sim.spawn('processRaft.loop', function* () {
        yield* mu.lock();
        mapRange(sim, replicas);
        yield* mu.unlock();
      });
    }

    sim.spawn('test', function* () {
      sim.spawn('ForceRaftLogScanAndProcess', forceRaftLogScanAndProcess);
      sim.spawn('processRaft', processRaft);
    });
    return {};
  },
});
