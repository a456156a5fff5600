/**
 * GoKer moby#21233 — communication deadlock, channel.
 *
 * Each transfer's watcher goroutine may write a progress update to the shared, unbuffered
 * progress channel. The test's consumer of that channel stops reading at a random update
 * (the original called `t.Fatalf`, which ends the consuming goroutine). The next watcher
 * that writes blocks forever, so `Release`, waiting for that watcher to finish, blocks
 * the test.
 *
 * Fix (moby#21233): the consumer keeps draining the progress channel until it is closed
 * (the test no longer exits the consuming goroutine early).
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, onRecv, recv, recvOk, select, send, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { randIntn } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

interface Watcher {
  readonly signalChan: Chan<never>;
  readonly releaseChan: Chan<never>;
  readonly running: Chan<never>;
}

export default defineTarget({
  ...kernelTarget({
    id: 'moby_21233',
    description: 'the progress consumer stops reading; a transfer watcher blocks writing progress and Release waits for it',
    fix: 'the consumer drains the progress channel until it is closed',
    source: 'https://github.com/moby/moby/pull/21233',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const tmMu = new Mutex(sim, 'tm.mu');

    function* watch(t: Mutex, i: number, progress: Chan<null>): Proc<Watcher> {
      yield* t.lock();
      const w: Watcher = {
        releaseChan: sim.chan<never>(0, `w${i}.releaseChan`),
        signalChan: sim.chan<never>(0, `w${i}.signalChan`),
        running: sim.chan<never>(0, `w${i}.running`),
      };
      sim.spawn(`watcher${i}`, function* () {
        let done = false;
        for (;;) {
          yield* t.lock();
          yield* t.unlock();
          if (randIntn(sim, 2) >= 1) yield* send(progress, null); // WriteProgress
          if (done) break;
          const r = yield* select([onRecv(w.signalChan), onRecv(w.releaseChan)]);
          if (r.index === 1) done = true;
        }
        closeChan(w.running);
      });
      yield* t.unlock();
      return w;
    }
    function* release(t: Mutex, w: Watcher): Proc<void> {
      yield* t.lock();
      yield* t.unlock();
      closeChan(w.releaseChan);
      yield* recv(w.running);
    }

    sim.spawn('test', function* () {
      sim.spawn('testTransfer', function* () {
        const progressChan = sim.chan<null>(0, 'progressChan');
        const progressDone = sim.chan<never>(0, 'progressDone');
        sim.spawn('consumer', function* () {
          for (;;) {
            if (!(yield* recvOk(progressChan)).ok) break;
            if (!fixed && randIntn(sim, 2) >= 1) return; // t.Fatalf ends this goroutine
          }
          closeChan(progressDone);
        });
        const xfers: Array<[Mutex, Watcher]> = [];
        for (let i = 0; i < 3; i++) {
          yield* tmMu.lock(); // tm.Transfer
          const t = new Mutex(sim, `transfer${i}.mu`);
          xfers.push([t, yield* watch(t, i, progressChan)]);
          yield* tmMu.unlock();
        }
        for (const [t, w] of xfers) yield* release(t, w);
        closeChan(progressChan);
        yield* recv(progressDone);
      });
    });
    return {};
  },
});
