/**
 * GoKer cockroach#1055 — mixed deadlock, channel & WaitGroup.
 *
 * `Stopper.Stop` holds the stopper's mutex while it waits for its workers (`stop.Wait`).
 * A worker that checked the draining flag before it was set goes on to `StartTask`, which
 * blocks on that mutex, so it never reaches the stop signal and never calls `SetStopped`.
 * `Quiesce` also resets the flag to "not draining", reopening the window.
 *
 * Fix (cockroach#1055, "Do not move back the non-draining state in Quiesce"), written
 * from the PR and the GoKer description: Quiesce leaves the stopper draining, StartTask
 * re-checks the flag under the mutex, and Stop releases the mutex once draining is
 * complete, before it waits for the workers. The fixed
 * variant also ends each started task with `FinishTask` (`drain.Done`), which the GoKer
 * extraction dropped (GoBench issue #7), so a task started before Quiesce no longer
 * blocks `drain.Wait` forever.
 */
import { defineTarget } from '../../../harness/target.ts';
import { AtomicInt, closeChan, Mutex, recv, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_1055',
    description: 'Stopper.Stop waits for workers while holding s.mu, which a late StartTask needs',
    fix: 'Quiesce stays draining, StartTask re-checks it under the lock, Stop waits for workers unlocked (tasks end with FinishTask)',
    source: 'https://github.com/cockroachdb/cockroach/pull/1055',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const newStopper = (i: number) => ({
      stopper: sim.chan<never>(0, `stopper${i}.stopper`),
      stop: new WaitGroup(sim, `stopper${i}.stop`),
      mu: new Mutex(sim, `stopper${i}.mu`),
      draining: new AtomicInt(0, `stopper${i}.draining`),
      drain: new WaitGroup(sim, `stopper${i}.drain`),
    });
    type Stopper = ReturnType<typeof newStopper>;

    function* quiesce(s: Stopper): Proc<void> {
      yield* s.mu.lock();
      yield* s.draining.store(1);
      yield* s.drain.wait();
      if (!fixed) yield* s.draining.store(0);
      yield* s.mu.unlock();
    }
    function* stop(s: Stopper): Proc<void> {
      yield* s.mu.lock();
      yield* s.draining.store(1);
      yield* s.drain.wait();
      if (fixed) yield* s.mu.unlock();
      closeChan(s.stopper);
      yield* s.stop.wait();
      if (!fixed) yield* s.mu.unlock();
    }
    function* startTask(s: Stopper): Proc<boolean> {
      if ((yield* s.draining.load()) !== 0) return false;
      yield* s.mu.lock();
      if (fixed && (yield* s.draining.load()) !== 0) {
        yield* s.mu.unlock();
        return false;
      }
      yield* s.drain.add(1);
      yield* s.mu.unlock();
      return true;
    }

    sim.spawn('test', function* () {
      const stoppers = [0, 1, 2].map(newStopper);
      for (const [i, s] of stoppers.entries()) {
        yield* s.stop.add(1); // AddWorker
        sim.spawn(`worker${i}`, function* () {
          const started = yield* startTask(s);
          if (fixed && started) yield* s.drain.done(); // FinishTask
          yield* recv(s.stopper); // <-ShouldStop()
          yield* s.stop.done(); // SetStopped
        });
      }
      const done = sim.chan<never>(0, 'done');
      sim.spawn('stopAll', function* () {
        for (const s of stoppers) yield* quiesce(s);
        for (const s of stoppers) yield* stop(s);
        closeChan(done);
      });
      yield* recv(done);
    });
    return {};
  },
});
