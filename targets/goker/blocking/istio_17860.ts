/**
 * GoKer istio#17860 — communication deadlock, channel.
 *
 * Each `Restart` of the Envoy agent starts a goroutine that reports the new epoch's exit
 * status on the unbuffered `statusCh`. The agent's `Run` loop stops reading once no epoch
 * is active; a restart that lands after that (or a second one racing with the first
 * status) leaves its reporter blocked in the send forever.
 *
 * Fix (istio#17860, "Fix deadlock in envoy restart logic"), written from the GoKer
 * description: a reporter gives up its send when the agent's context ends, so a status
 * that `Run` no longer drains cannot hold its goroutine past the agent's lifetime.
 */
import { defineTarget } from '../../../harness/target.ts';
import { background, Mutex, newTicker, onRecv, onSend, select, sleep, withCancel, type Context, type Proc, type Sim } from '../../../sim/index.ts';
import { Nanosecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'istio_17860',
    description: 'agent.runWait blocks sending on statusCh after Run has stopped draining it',
    fix: 'runWait gives up its send when the agent\'s context ends',
    source: 'https://github.com/istio/istio/pull/17860',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const a = { mu: new Mutex(sim, 'agent.mu'), statusCh: sim.chan<number>(0, 'statusCh'), currentEpoch: 0, activeEpochs: new Set<number>() };
    const isLive = (): boolean => false; // neverLive

    function* run(actx: Context): Proc<void> {
      for (;;) {
        const r = yield* select([onRecv(a.statusCh), onRecv(actx.done())]);
        if (r.index === 1) return;
        yield* a.mu.lock();
        a.activeEpochs.delete(r.value as number);
        const active = a.activeEpochs.size;
        yield* a.mu.unlock();
        if (active === 0) return;
      }
    }
    function* waitUntilLive(): Proc<void> {
      if (a.activeEpochs.size === 0) return;
      const interval = newTicker(sim, 30 * Nanosecond, 'interval');
      const timer = sim.newTimer(100 * Nanosecond, 'timer');
      if (!isLive()) {
        for (;;) {
          const r = yield* select([onRecv(timer.C), onRecv(interval.C)]);
          if (r.index === 0 || isLive()) break;
        }
      }
      interval.stop();
      timer.stop();
    }
    function* restart(actx: Context): Proc<void> {
      yield* a.mu.lock();
      yield* waitUntilLive();
      a.currentEpoch++;
      const epoch = a.currentEpoch;
      a.activeEpochs.add(epoch);
      sim.spawn(`runWait(${epoch})`, function* () {
        if (fixed) yield* select([onSend(a.statusCh, epoch), onRecv(actx.done())]);
        else yield* select([onSend(a.statusCh, epoch)]);
      });
      yield* a.mu.unlock();
    }

    sim.spawn('test', function* () {
      const [actx, cancel] = withCancel(background(sim), 'agent');
      sim.spawn('a.Run', () => run(actx));
      yield* restart(actx);
      sim.spawn('a.Restart', () => restart(actx));
      yield* sleep(200 * Nanosecond);
      cancel(); // deferred
    });
    return {};
  },
});
