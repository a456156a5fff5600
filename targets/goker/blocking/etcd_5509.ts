/**
 * GoKer etcd#5509 — resource deadlock, double locking.
 *
 * `remoteClient.acquire` read-locks the client's RWMutex and, when it sees the client
 * closed, returns `ErrConnClosed` without read-unlocking it. `Client.Close` (which sets
 * the client closed, unlocks and locks again) then waits for the write lock forever
 * behind a read lock nobody will release.
 *
 * Fix (etcd#5509): `acquire` read-unlocks before returning on the closed path.
 */
import { defineTarget } from '../../../harness/target.ts';
import { background, closeChan, GoError, Mutex, recv, RWMutex, withCancel, type CancelFunc, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

const ErrConnClosed = new GoError('grpc: the client connection is closing');

export default defineTarget({
  ...kernelTarget({
    id: 'etcd_5509',
    description: 'remoteClient.acquire leaks a read lock on its closed path; Client.Close then waits for the write lock forever',
    fix: 'read-unlock before returning ErrConnClosed',
    source: 'https://github.com/etcd-io/etcd/pull/5509',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const [, cancel] = withCancel(background(sim), 'cli.ctx');
    const client = { mu: new RWMutex(sim, 'client.mu'), cancel: cancel as CancelFunc | null };
    const rcMu = new Mutex(sim, 'remoteClient.mu');

    function* close(): Proc<void> {
      yield* client.mu.lock();
      if (client.cancel === null) {
        yield* client.mu.unlock();
        return;
      }
      client.cancel();
      client.cancel = null;
      yield* client.mu.unlock();
      yield* client.mu.lock();
      yield* client.mu.unlock(); // deferred
    }
    function* acquire(): Proc<GoError | null> {
      for (;;) {
        yield* client.mu.rLock();
        const closed = client.cancel === null;
        yield* rcMu.lock();
        yield* rcMu.unlock();
        if (closed) {
          if (fixed) yield* client.mu.rUnlock();
          return ErrConnClosed;
        }
        yield* client.mu.rUnlock();
      }
    }

    sim.spawn('test', function* () {
      const donec = sim.chan<never>(0, 'donec');
      sim.spawn('kv.Get', function* () {
        const err = yield* acquire(); // kv.Get -> Do -> do -> getRemote -> acquire
        if (err !== null && err !== ErrConnClosed) throw new Error('expected ErrConnClosed');
        closeChan(donec);
      });
      yield* close();
      yield* recv(donec);
    });
    return {};
  },
});
