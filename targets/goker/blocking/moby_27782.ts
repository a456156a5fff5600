/**
 * GoKer moby#27782 — communication deadlock, channel & condition variable.
 *
 * When a container's log driver is closed while a reader follows the log, the reader
 * sees the close and removes its file watch; `Remove` waits on a condition variable for
 * the watcher goroutine to confirm the removal. That goroutine is blocked handing the
 * reader a file event on the unbuffered `Events` channel, which nobody reads any more:
 * the confirmation never comes.
 *
 * Fix (moby#27782, "Decouple removing the fileWatcher from reading"): the reader removes
 * the watch from a separate goroutine and keeps draining events until the removal is
 * confirmed. GoKer's `Remove` waits forever whatever happens (its loop condition never
 * changes); the fixed variant gives the watcher the confirmation the real inotify
 * watcher has: once a removal is requested it emits an ignore event, which marks the
 * watch gone and broadcasts.
 *
 * GoKer's extraction dropped the lock moby's `JSONFileLogger` holds around its `readers`
 * map (`l.mu` in `readLogs` and `Close`), which left a data race of its own between the
 * reader's registration and `Close`'s range over the map. Both variants keep the lock, as
 * upstream does: the map is a tracked `GoMap`, so the registration and the range are
 * ordered through the mutex the way Go orders them, and partial-order reduction sees them
 * as dependent (a plain JavaScript map there made them look independent, and the reduced
 * search missed the deadlock).
 */
import { defineTarget } from '../../../harness/target.ts';
import { AtomicInt, closeChan, Cond, GoMap, Mutex, Once, onRecv, onSend, select, sleep, type Proc, type Sim } from '../../../sim/index.ts';
import { Nanosecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

const Write = 2;
const Remove = 4;

export default defineTarget({
  ...kernelTarget({
    id: 'moby_27782',
    description: 'Watcher.Remove waits for a broadcast from the watcher goroutine, which is blocked sending an event nobody reads',
    fix: 'remove the watch from a goroutine and keep draining events until the removal is confirmed',
    source: 'https://github.com/moby/moby/pull/27782',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    function newWatcher() {
      const mu = new Mutex(sim, 'w.mu');
      const w = {
        events: sim.chan<number>(0, 'w.Events'),
        mu,
        cv: new Cond(sim, mu, 'w.cv'),
        done: sim.chan<never>(0, 'w.done'),
        /**
         * Fixed variant: a removal was requested and the watch still exists. Upstream this is
         * the inotify watch itself: \`Remove\` makes a syscall and the watcher's next read of the
         * descriptor sees the kernel's ignore event, so the two goroutines meet through the OS,
         * which synchronises them (an atomic), not through a plain field.
         */
        removeRequested: new AtomicInt(0, 'w.removeRequested'),
        exists: true,
      };
      const isClosed = function* (): Proc<boolean> {
        return (yield* select([onRecv(w.done)], true)).index === 0;
      };
      /** `Event.ignoreLinux`: a non-write event is the watch going away. */
      const ignoreLinux = function* (op: number): Proc<boolean> {
        if (op === Write) return false;
        yield* w.mu.lock();
        w.exists = false;
        yield* w.cv.broadcast();
        yield* w.mu.unlock();
        return true;
      };
      sim.spawn('w.readEvents', function* () {
        for (;;) {
          if (yield* isClosed()) break;
          let op = Write;
          if (fixed && (yield* w.removeRequested.compareAndSwap(1, 0))) op = Remove;
          if (!(yield* ignoreLinux(op))) {
            yield* sleep(300 * Nanosecond);
            if ((yield* select([onSend(w.events, op), onRecv(w.done)])).index === 1) break;
          }
        }
        closeChan(w.events);
      });
      return {
        ...w,
        isClosed,
        *close(): Proc<void> {
          if (yield* isClosed()) return;
          closeChan(w.done);
        },
        *remove(): Proc<void> {
          yield* w.mu.lock();
          if (fixed) {
            yield* w.removeRequested.store(1);
            while (w.exists) yield* w.cv.wait();
          } else {
            const exists = true;
            while (exists) yield* w.cv.wait();
          }
          yield* w.mu.unlock();
        },
      };
    }

    interface LogWatcher {
      readonly closeOnce: Once;
      readonly closeNotifier: ReturnType<typeof sim.chan<never>>;
    }
    function* followLogs(lw: LogWatcher): Proc<void> {
      const fileWatcher = newWatcher(); // watchFile -> New -> NewEventWatcher -> NewWatcher
      // waitRead (via handleDecodeErr)
      yield* sleep(300 * Nanosecond);
      const r = yield* select([onRecv(fileWatcher.events), onRecv(lw.closeNotifier)]);
      if (r.index === 1) {
        if (fixed) {
          const removed = sim.chan<never>(0, 'removed');
          sim.spawn('fileWatcher.Remove', function* () {
            yield* fileWatcher.remove();
            closeChan(removed);
          });
          while ((yield* select([onRecv(fileWatcher.events), onRecv(removed)])).index === 0);
        } else {
          yield* fileWatcher.remove();
        }
      }
      yield* fileWatcher.close(); // deferred
    }

    sim.spawn('test', function* () {
      sim.spawn('InitializeStdio', function* () {
        // startLogging -> ReadLogs; the driver's readers map, guarded by l.mu as upstream.
        const mu = new Mutex(sim, 'l.mu');
        const readers = new GoMap<LogWatcher, null>(sim, 'l.readers');
        const lw: LogWatcher = { closeOnce: new Once(sim, 'closeOnce'), closeNotifier: sim.chan<never>(0, 'closeNotifier') };
        sim.spawn('readLogs', function* () {
          yield* mu.lock();
          readers.set(lw, null, 'l.readers write');
          yield* mu.unlock();
          yield* followLogs(lw);
        });
        // startLogging fails -> Reset -> LogDriver.Close
        yield* mu.lock();
        for (const r of readers.keys('l.readers range')) {
          yield* r.closeOnce.do(function* () {
            closeChan(r.closeNotifier);
          });
          readers.delete(r, 'l.readers delete');
        }
        yield* mu.unlock();
      });
    });
    return {};
  },
});
