/**
 * GoKer serving#3068 — non-blocking, Go-specific, misuse of channel.
 *
 * A worker pool: `Go` adds to the pool's WaitGroup and sends the work on a buffered
 * channel; `Wait` (once) closes that channel and waits for the work in a goroutine. The
 * test's producer keeps calling `Go`, 10 ms apart, after the test called `Wait`, so a
 * `Go` sends on the closed channel: Go panics with "send on closed channel".
 *
 * Fix (serving#3068), written from the GoKer description and the test's expectation that
 * not all work runs: `Go` checks, under the pool's mutex, whether `Wait` has closed the
 * pool, and drops the work if so; `Wait` marks the pool closed and closes the channel
 * under the same mutex. GoKer's final check (not every item ran) is not modelled: it is
 * inverted in the kernel and the buggy run panics before it.
 */
import { defineTarget } from '../../../harness/target.ts';
import { AtomicInt, closeChan, Mutex, Once, recvOk, send, Shared, sleep, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'serving_3068',
    group: 'non-blocking',
    description: 'the pool\'s Go sends on the work channel Wait has already closed',
    fix: 'Go drops work once Wait has closed the pool, checking under the mutex Wait closes it with',
    source: 'https://github.com/knative/serving/pull/3068',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const newPool = (workers: number, capacity: number) => {
      const p = {
        wg: new WaitGroup(sim, 'i.wg'),
        workCh: sim.chan<() => Proc<void>>(capacity, 'i.workCh'),
        once: new Once(sim, 'i.once'),
        mu: new Mutex(sim, 'i.mu'),
        closed: new Shared(sim, false, 'i.closed'),
      };
      for (let w = 0; w < workers; w++) {
        sim.spawn(`poolWorker${w}`, function* () {
          for (;;) {
            const { value: work, ok } = yield* recvOk(p.workCh);
            if (!ok || work === undefined) return;
            yield* work();
            yield* p.wg.done();
          }
        });
      }
      return p;
    };
    type Pool = ReturnType<typeof newPool>;

    function* poolGo(p: Pool, w: () => Proc<void>): Proc<void> {
      if (fixed) {
        yield* p.mu.lock();
        if (p.closed.load('Go: read i.closed')) {
          yield* p.mu.unlock();
          return;
        }
      }
      yield* p.wg.add(1);
      yield* send(p.workCh, w);
      if (fixed) yield* p.mu.unlock();
    }
    function* poolWait(p: Pool): Proc<void> {
      yield* p.once.do(function* () {
        if (fixed) {
          yield* p.mu.lock();
          p.closed.store(true, 'Wait: i.closed = true');
        }
        closeChan(p.workCh);
        if (fixed) yield* p.mu.unlock();
        sim.spawn('pool.wg.Wait', () => p.wg.wait());
      });
    }

    sim.spawn('test', function* () {
      const p = newPool(1, 5);
      const wg = new WaitGroup(sim, 'wg');
      const cntExecuted = new AtomicInt(0, 'cntExecuted');
      const n = 5;
      yield* wg.add(n);
      sim.spawn('producer', function* () {
        for (let i = 0; i < n; i++) {
          yield* poolGo(p, function* () {
            yield* cntExecuted.add(1);
          });
          yield* sleep(10 * Millisecond);
          yield* wg.done();
        }
      });
      yield* poolWait(p);
      yield* wg.wait();
    });
    return {};
  },
});
