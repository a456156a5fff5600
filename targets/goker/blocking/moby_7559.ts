/**
 * GoKer moby#7559 — resource deadlock, double locking.
 *
 * `UDPProxy.Run` locks `connTrackLock` at the top of a loop; when dialling fails it
 * `continue`s without unlocking, so the next iteration locks the mutex it already holds.
 * In the kernel the dial always fails (GoKer dials a nil address), so the proxy goroutine
 * blocks on itself.
 *
 * Fix (moby#7559): unlock before `continue`.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Mutex, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'moby_7559',
    description: 'UDPProxy.Run continues its loop without releasing connTrackLock',
    fix: 'unlock connTrackLock before continue',
    source: 'https://github.com/moby/moby/pull/7559',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const connTrackLock = new Mutex(sim, 'connTrackLock');
    /** `net.DialUDP("udp", nil, nil)` fails: there is no address to dial. */
    const dialFails = true;

    sim.spawn('test', function* () {
      sim.spawn('proxy.Run', function* () {
        let held = false;
        for (let i = 0; i < 2; i++) {
          yield* connTrackLock.lock();
          held = true;
          if (dialFails) {
            if (fixed) {
              yield* connTrackLock.unlock();
              held = false;
            }
            continue;
          }
          if (i === 0) break;
        }
        // Run's final Unlock belongs to the path that leaves the loop holding the lock
        // (the buggy variant never gets here: its second Lock blocks).
        if (held) yield* connTrackLock.unlock();
      });
    });
    return {};
  },
});
