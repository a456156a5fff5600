/**
 * GoKer kubernetes#77796 — non-blocking, traditional, data race.
 *
 * `Cacher.dispatchEvent` resets `watcherBuffer` under the cacher's lock
 * (`startDispatching`) and then ranges over it without the lock, which is safe only while
 * the cacher's own `dispatchEvents` goroutine is the one dispatcher. The test calls
 * `dispatchEvent` from goroutines of its own, so one goroutine's unlocked range races with
 * another's reset.
 *
 * Fix (kubernetes#77796, as kubernetes#89164 later did for another cacher test): the test
 * hands its events to the cacher (`processEvent`: a send on the cacher's incoming channel)
 * instead of dispatching them itself, so only `dispatchEvents` ever dispatches; the test
 * stops the cacher at the end.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, recvOk, RWMutex, send, Shared, sleep, type Proc, type Sim } from '../../../sim/index.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_77796',
    group: 'non-blocking',
    description: "test goroutines call Cacher.dispatchEvent, whose unlocked range over watcherBuffer races with another's reset",
    fix: "the test sends its events to the cacher's incoming channel, so only the cacher's dispatchEvents goroutine dispatches",
    source: 'https://github.com/kubernetes/kubernetes/pull/77796',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const c = { mu: new RWMutex(sim, 'cacher'), watcherBuffer: new Shared<readonly number[]>(sim, [], 'c.watcherBuffer'), incoming: sim.chan<number>(100, 'c.incoming') };

    function* startDispatching(): Proc<void> {
      yield* c.mu.lock();
      c.watcherBuffer.store([], 'startDispatching: c.watcherBuffer = c.watcherBuffer[:0]');
      yield* c.mu.unlock();
    }
    function* dispatchEvent(): Proc<void> {
      yield* startDispatching();
      for (const _ of c.watcherBuffer.load('dispatchEvent: range c.watcherBuffer'));
    }
    function* dispatchEvents(): Proc<void> {
      yield* dispatchEvent();
      if (!fixed) return;
      for (;;) {
        const r = yield* recvOk(c.incoming);
        if (!r.ok) return;
        yield* dispatchEvent();
      }
    }

    sim.spawn('test', function* () {
      sim.spawn('dispatchEvents', dispatchEvents); // newTestCacher -> NewCacherFromConfig
      for (let i = 0; i < 3; i++) {
        if (fixed) yield* send(c.incoming, i); // cacher.processEvent
        else sim.spawn(`dispatchEvent${i}`, dispatchEvent);
        yield* sleep(10 * Millisecond);
      }
      if (fixed) closeChan(c.incoming); // cacher.Stop()
    });
    return {};
  },
});
