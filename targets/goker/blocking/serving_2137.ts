/**
 * GoKer serving#2137 — mixed deadlock, channel & lock.
 *
 * The breaker test starts two requests, each holding a test-owned mutex its thunk needs,
 * then unlocks them one at a time, waiting for each result before unlocking the next.
 * If the second request took the breaker's single active slot first, its thunk waits for
 * its mutex, the first request waits for the active slot, and the test waits for the
 * first request's result.
 *
 * Fix (serving#2137), written from the GoKer description: the test unlocks every request
 * before it waits for any result, so whichever request holds the active slot can finish.
 */
import { defineTarget } from '../../../harness/target.ts';
import { gosched, Mutex, onSend, recv, select, send, WaitGroup, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

interface Request {
  readonly lock: Mutex;
  readonly accepted: Chan<boolean>;
}

export default defineTarget({
  ...kernelTarget({
    id: 'serving_2137',
    description: 'the breaker test waits for request 1 while request 2 holds the active slot and waits for its lock',
    fix: 'unlock all requests before waiting for their results',
    source: 'https://github.com/knative/serving/pull/2137',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    // NewBreaker(queueDepth 1, maxConcurrency 1)
    const pendingRequests = sim.chan<null>(2, 'pendingRequests');
    const activeRequests = sim.chan<null>(1, 'activeRequests');

    function* maybe(thunk: () => Proc<void>): Proc<boolean> {
      if ((yield* select([onSend(pendingRequests, null)], true)).index === -1) return false;
      yield* send(activeRequests, null);
      yield* thunk();
      yield* recv(activeRequests); // deferred release
      yield* recv(pendingRequests);
      return true;
    }
    function* concurrentRequest(i: number): Proc<Request> {
      yield* gosched();
      const r: Request = { lock: new Mutex(sim, `request${i}.lock`), accepted: sim.chan<boolean>(1, `request${i}.accepted`) };
      yield* r.lock.lock();
      const start = new WaitGroup(sim, `request${i}.start`);
      yield* start.add(1);
      sim.spawn(`request${i}`, function* () {
        yield* start.done();
        const ok = yield* maybe(function* () {
          yield* r.lock.lock();
          yield* r.lock.unlock();
        });
        yield* send(r.accepted, ok);
      });
      yield* start.wait();
      return r;
    }
    function* awaitResult(r: Request): Proc<void> {
      const ok = (yield* recv(r.accepted)) as boolean;
      yield* send(r.accepted, ok); // requeue for next usage
    }

    sim.spawn('test', function* () {
      const requests: Request[] = [];
      for (let i = 0; i < 2; i++) requests.push(yield* concurrentRequest(i));
      if (fixed) {
        for (const r of requests) yield* r.lock.unlock();
        for (const r of requests) yield* awaitResult(r);
        return;
      }
      for (const r of requests) {
        yield* r.lock.unlock();
        yield* awaitResult(r);
      }
    });
    return {};
  },
});
