/**
 * GoKer etcd#6708 — resource deadlock, double locking.
 *
 * With the "prioritize leader" endpoint selection, `httpClusterClient.Sync` holds the
 * client's write lock while `SetEndpoints` asks the members API for the leader, which
 * goes through the client's own `Do` and read-locks the same RWMutex: the goroutine
 * waits for itself.
 *
 * Fix (etcd#6708, "client: Prevent deadlocks in Sync"): Sync updates the endpoints under
 * the write lock, releases it, asks for the leader, and takes the lock again only to pin
 * the leader's endpoint.
 */
import { defineTarget } from '../../../harness/target.ts';
import { RWMutex, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'etcd_6708',
    description: 'httpClusterClient.Sync holds the write lock while Do read-locks the same RWMutex to find the leader',
    fix: 'ask for the leader with the write lock released, then relock to pin it',
    source: 'https://github.com/etcd-io/etcd/pull/6708',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const mu = new RWMutex(sim, 'httpClusterClient');
    const prioritizeLeader = true;

    function* doRequest(): Proc<void> {
      yield* mu.rLock();
      yield* mu.rUnlock();
    }
    /** `getLeaderEndpoint`: the members API's `Leader` calls the client's `Do`. */
    function* getLeaderEndpoint(): Proc<void> {
      yield* doRequest();
    }
    function* sync(): Proc<void> {
      yield* mu.lock();
      if (!fixed) {
        if (prioritizeLeader) yield* getLeaderEndpoint(); // SetEndpoints, under the lock
        yield* mu.unlock();
        return;
      }
      // SetEndpoints without a leader look-up.
      yield* mu.unlock();
      if (prioritizeLeader) {
        yield* getLeaderEndpoint();
        yield* mu.lock(); // pin the leader
        yield* mu.unlock();
      }
    }

    sim.spawn('test', sync);
    return {};
  },
});
