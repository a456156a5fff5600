/**
 * GoKer cockroach#4407 — non-blocking, Go-specific, WaitGroup.
 *
 * Two `Gossip` goroutines start workers through `Stopper.RunWorker`, which calls
 * `s.stop.Add(1)`, while the test's deferred `Stopper.Stop` (after a 1 ms sleep) waits on
 * the same WaitGroup. An Add that starts the counter from zero concurrently with a
 * blocking Wait is the WaitGroup misuse `go test -race` reports (Wait's write of
 * `wg.sema` against Add's read). It needs a `Gossip` goroutine that has not finished its
 * worker by the time the sleep ends, so the kernel allows time slips (Go's clock moves
 * while goroutines run).
 *
 * Fix (cockroach#4407), written from the GoKer description: `RunWorker` adds under the
 * stopper's mutex and refuses once the stopper is stopping; `Stop` marks it stopping and
 * closes the channel under that mutex before it waits, so every Add happens before the
 * Wait.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, Shared, sleep, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_4407',
    group: 'non-blocking',
    description: 'RunWorker\'s stop.Add(1) runs concurrently with Stop\'s stop.Wait()',
    fix: 'RunWorker adds under the stopper\'s mutex and refuses once Stop has marked it stopping under the same mutex',
    source: 'https://github.com/cockroachdb/cockroach/pull/4407',
    timeSlip: true,
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const stopper = {
      stopper: sim.chan<never>(0, 'stopper.stopper'),
      stop: new WaitGroup(sim, 'stopper.stop'),
      mu: new Mutex(sim, 'stopper.mu'),
      stopping: new Shared(sim, false, 'stopper.stopping'),
    };
    const server = { mu: new Mutex(sim, 'server.mu') };
    let workers = 0;

    function* runWorker(f: () => Proc<void>): Proc<void> {
      if (fixed) {
        yield* stopper.mu.lock();
        if (stopper.stopping.load('RunWorker: read s.stopping')) {
          yield* stopper.mu.unlock();
          return;
        }
      }
      yield* stopper.stop.add(1);
      if (fixed) yield* stopper.mu.unlock();
      sim.spawn(`worker${workers++}`, function* () {
        yield* f();
        yield* stopper.stop.done();
      });
    }
    function* stop(): Proc<void> {
      if (fixed) {
        yield* stopper.mu.lock();
        stopper.stopping.store(true, 'Stop: s.stopping = true');
      }
      closeChan(stopper.stopper);
      if (fixed) yield* stopper.mu.unlock();
      yield* stopper.stop.wait();
      yield* stopper.mu.lock();
      yield* stopper.mu.unlock();
    }
    function* gossipSender(): Proc<void> {
      yield* server.mu.lock();
      yield* server.mu.unlock();
    }

    sim.spawn('test', function* () {
      for (let i = 0; i < 2; i++) {
        sim.spawn(`Gossip${i}`, function* () {
          yield* server.mu.lock();
          yield* runWorker(gossipSender);
          yield* server.mu.unlock();
        });
      }
      yield* sleep(Millisecond);
      yield* stop(); // defer stopper.Stop()
    });
    return {};
  },
});
