/**
 * GoKer cockroach#10214 — resource deadlock, AB-BA.
 *
 * `Store.sendQueuedHeartbeats` holds `coalescedMu` (A) while reporting each replica
 * unreachable, which locks the replica's `raftMu` (B). `Replica.tick` holds `raftMu` (B)
 * and, while deciding whether to quiesce, coalesces a heartbeat, which locks
 * `coalescedMu` (A). The two goroutines take A and B in opposite orders.
 *
 * Fix (cockroach#10214): `sendQueuedHeartbeats` takes the queued responses under
 * `coalescedMu`, unlocks it, and only then sends them (locking `raftMu`).
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_10214',
    description: 'sendQueuedHeartbeats holds coalescedMu then raftMu; Replica.tick holds raftMu then coalescedMu',
    fix: 'copy the queued heartbeats under coalescedMu and send them after unlocking it',
    source: 'https://github.com/cockroachdb/cockroach/pull/10214',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const coalescedMu = new Mutex(sim, 'store.coalescedMu');
    const heartbeatResponses = [1, 2];
    const replicas = [0, 1].map((i) => ({ raftMu: new Mutex(sim, `replica${i}.raftMu`), mu: new Mutex(sim, `replica${i}.mu`) }));
    type Replica = (typeof replicas)[number];

    function* reportUnreachable(r: Replica): Proc<void> {
      yield* r.raftMu.lock();
      yield* r.raftMu.unlock();
    }
    function* sendQueuedHeartbeatsToNode(): Proc<void> {
      for (const r of replicas) yield* reportUnreachable(r);
    }
    function* sendQueuedHeartbeats(): Proc<void> {
      yield* coalescedMu.lock();
      if (fixed) {
        const responses = heartbeatResponses.slice();
        yield* coalescedMu.unlock();
        for (let i = 0; i < responses.length; i++) yield* sendQueuedHeartbeatsToNode();
        return;
      }
      for (let i = 0; i < heartbeatResponses.length; i++) yield* sendQueuedHeartbeatsToNode();
      yield* coalescedMu.unlock();
    }
    /** `maybeCoalesceHeartbeat`: every message type the kernel computes takes `coalescedMu`. */
    function* maybeCoalesceHeartbeat(): Proc<boolean> {
      yield* coalescedMu.lock();
      yield* coalescedMu.unlock();
      return true;
    }
    function* tick(r: Replica): Proc<void> {
      yield* r.raftMu.lock();
      yield* r.mu.lock(); // tickRaftMuLocked
      for (let i = 0; i < 2; i++) if (!(yield* maybeCoalesceHeartbeat())) break; // maybeQuiesceLocked
      yield* r.mu.unlock();
      yield* r.raftMu.unlock();
    }

    sim.spawn('test', function* () {
      sim.spawn('sendQueuedHeartbeats', sendQueuedHeartbeats);
      sim.spawn('rp1.tick', () => tick(replicas[0] as Replica));
    });
    return {};
  },
});
