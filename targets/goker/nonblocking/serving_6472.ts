/**
 * GoKer serving#6472 — non-blocking, traditional, data race.
 *
 * The prober's `IsReady` enqueues a work item pointing at a fresh `ingressState` and only
 * afterwards sets `pendingCount` with a plain `+=`; a worker that already took the item
 * decrements the same field with `atomic.AddInt32`: the plain update races with the
 * atomic one.
 *
 * Fix (serving#6472): `IsReady` sets `pendingCount` before it enqueues the work items.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, recv, sleep, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { AtomicField } from '../atomic-field.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

/** A work item: the ingress state it belongs to. */
interface WorkItem {
  readonly ingressState: AtomicField;
}

export default defineTarget({
  ...kernelTarget({
    id: 'serving_6472',
    group: 'non-blocking',
    description: "IsReady sets ingressState.pendingCount plainly after enqueueing the work a worker decrements it for atomically",
    fix: 'set pendingCount before enqueueing the work items',
    source: 'https://github.com/knative/serving/pull/6472',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    let states = 0;
    const newIngressState = (): AtomicField => new AtomicField(sim, 0, `ingressState${states++}.pendingCount`);

    // workqueue.Type under a rate-limiting, delaying wrapper: a slice under cond.L.
    const l = new Mutex(sim, 'workQueue.cond.L');
    const queue: WorkItem[] = [];
    function* add(item: WorkItem): Proc<void> {
      yield* l.lock();
      queue.push(item);
      yield* l.unlock();
    }
    function* get(): Proc<WorkItem | null> {
      yield* l.lock();
      const item = queue.shift() ?? null;
      yield* l.unlock();
      return item;
    }

    function* isReady(): Proc<void> {
      const ingressState = newIngressState();
      const workItems = new Map<string, WorkItem[]>([['0', [{ ingressState }]]]);
      if (fixed) ingressState.store(workItems.size, 'IsReady: ingressState.pendingCount = len(workItems)');
      for (const items of workItems.values()) for (const wi of items) yield* add(wi);
      if (!fixed) ingressState.store(ingressState.load('IsReady: read ingressState.pendingCount') + workItems.size, 'IsReady: ingressState.pendingCount += len(workItems)');
    }
    function* processWorkItem(): Proc<void> {
      const item = yield* get();
      if (item === null) return;
      yield* item.ingressState.atomicAdd(-1, 'updateStates: atomic.AddInt32(&ingressState.pendingCount, -1)');
    }
    function* start(): Proc<ReturnType<typeof sim.chan<never>>> {
      const wg = new WaitGroup(sim, 'Start.wg');
      for (let i = 0; i < 2; i++) {
        yield* wg.add(1);
        sim.spawn(`processWorkItem${i}`, function* () {
          yield* processWorkItem();
          yield* wg.done();
        });
      }
      const ch = sim.chan<never>(0, 'cancelled');
      sim.spawn('Start.closer', function* () {
        yield* wg.wait();
        closeChan(ch);
      });
      return ch;
    }

    sim.spawn('test', function* () {
      yield* add({ ingressState: newIngressState() }); // NewProber
      const done = sim.chan<never>(0, 'done');
      const cancelled = yield* start();
      yield* isReady();
      yield* sleep(Millisecond);
      closeChan(done);
      yield* recv(cancelled);
    });
    return {};
  },
});
