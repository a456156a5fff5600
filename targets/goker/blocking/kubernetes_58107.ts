/**
 * GoKer kubernetes#58107 — resource deadlock, RWR.
 *
 * The resource-quota controller's two workers each read-lock `workerLock` and then wait
 * on their queue's condition variable for work, still holding the read lock. `Sync`
 * write-locks `workerLock` over and over. With one worker parked in `Wait` (holding a read
 * lock), `Sync`'s `Lock` waits for it, and the other worker's `RLock` waits behind
 * `Sync` (writer priority), so it never reaches its queue: all three are stuck once the
 * signals stop.
 *
 * Fix (kubernetes#58107): the workers take work from their queue without holding
 * `workerLock`. The fixed variant also repairs a second bug that the GoKer extraction
 * introduced (GoBench issue #18): a Signal sent before its worker waits is lost, so the
 * queues hold a count of items and `Get` waits only while its queue is empty, as the real
 * work queue does.
 *
 * The GoKer test loops 100,000 times in `Sync` and in the signalling test goroutine to
 * make the interleaving likely on real hardware; here each loops 10 times. The RWR state
 * needs the signalling loop to finish before the first worker waits, and with more
 * rounds no fair schedule the strategies try gets there in 200 seeds (the lost-signal
 * leak is then the only one found).
 */
import { defineTarget } from '../../../harness/target.ts';
import { Cond, Mutex, RWMutex, sleep, type Proc, type Sim } from '../../../sim/index.ts';
import { Nanosecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

/** Iterations of `Sync` and of the signalling loop (GoKer: 100,000). */
const ROUNDS = 10;

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_58107',
    description: 'workers hold workerLock.RLock while waiting on their queue; Sync.Lock then blocks the other worker\'s RLock',
    fix: 'take work from the queue without workerLock (and count queued items so no signal is lost)',
    source: 'https://github.com/kubernetes/kubernetes/pull/58107',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const workerLock = new RWMutex(sim, 'workerLock');
    const makeQueue = (name: string) => {
      const mu = new Mutex(sim, `${name}.mu`);
      return { cond: new Cond(sim, mu, `${name}.cond`), items: 0 };
    };
    type Queue = ReturnType<typeof makeQueue>;
    const queue = makeQueue('queue');
    const missingUsageQueue = makeQueue('missingUsageQueue');

    function* get(q: Queue): Proc<void> {
      yield* q.cond.L.lock();
      if (fixed) {
        while (q.items === 0) yield* q.cond.wait();
        q.items--;
      } else {
        yield* q.cond.wait();
      }
      yield* q.cond.L.unlock();
    }
    function* put(q: Queue): Proc<void> {
      if (!fixed) {
        yield* q.cond.signal();
        return;
      }
      yield* q.cond.L.lock();
      q.items++;
      yield* q.cond.signal();
      yield* q.cond.L.unlock();
    }
    /** `worker(queue)`: one `workFunc`, which always reports quit. */
    function* worker(q: Queue): Proc<void> {
      if (fixed) {
        yield* get(q);
        return;
      }
      yield* workerLock.rLock();
      yield* get(q);
      yield* workerLock.rUnlock();
    }
    function* syncLoop(): Proc<void> {
      for (let i = 0; i < ROUNDS; i++) {
        yield* workerLock.lock();
        yield* sleep(Nanosecond);
        yield* workerLock.unlock();
      }
    }

    sim.spawn('test', function* () {
      sim.spawn('Run', function* () {
        sim.spawn('worker(queue)', () => worker(queue));
        sim.spawn('worker(missingUsageQueue)', () => worker(missingUsageQueue));
      });
      sim.spawn('Sync', syncLoop);
      // HelperSignals
      for (let i = 0; i < ROUNDS; i++) {
        yield* put(queue);
        yield* put(missingUsageQueue);
      }
    });
    return {};
  },
});
