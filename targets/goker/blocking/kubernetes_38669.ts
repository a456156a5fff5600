/**
 * GoKer kubernetes#38669 — communication deadlock, channel.
 *
 * A cache watcher's goroutine first sends its initial events on the unbuffered result
 * channel. The test never reads results and stops the watcher at once; stopping closes
 * the input channel, but the goroutine is stuck in its first send and leaks.
 *
 * Fix (kubernetes#38669): stopping also closes a `done` channel, and sending an event
 * gives up when `done` is closed.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, onRecv, onSend, recvOk, select, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_38669',
    description: 'cacheWatcher.process blocks sending initial events that nobody reads after Stop',
    fix: 'Stop closes done, and sending an event selects on done',
    source: 'https://github.com/kubernetes/kubernetes/pull/38669',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const chanSize = 0;
    const w = {
      mu: new Mutex(sim, 'cacheWatcher'),
      input: sim.chan<number>(chanSize, 'input'),
      result: sim.chan<number>(chanSize, 'result'),
      done: sim.chan<never>(0, 'done'),
      stopped: false,
    };

    function* stop(): Proc<void> {
      yield* w.mu.lock();
      if (!w.stopped) {
        w.stopped = true;
        if (fixed) closeChan(w.done);
        closeChan(w.input);
      }
      yield* w.mu.unlock();
    }
    function* sendWatchCacheEvent(e: number): Proc<void> {
      if (fixed) yield* select([onSend(w.result, e), onRecv(w.done)]);
      else yield* select([onSend(w.result, e)]);
    }
    function* process(initEvents: readonly number[]): Proc<void> {
      for (const e of initEvents) yield* sendWatchCacheEvent(e);
      while ((yield* recvOk(w.input)).ok);
      yield* stop(); // deferred, then close(result)
      closeChan(w.result);
    }

    sim.spawn('test', function* () {
      sim.spawn('watcher.process', () => process([1, 2])); // newCacheWatcher
      yield* stop();
    });
    return {};
  },
});
