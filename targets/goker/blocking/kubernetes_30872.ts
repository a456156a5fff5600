/**
 * GoKer kubernetes#30872 — resource deadlock, AB-BA.
 *
 * The federated informer's controller loop pops from its DeltaFIFO holding the FIFO's
 * lock (A) and, processing the item, adds a cluster, which locks the federated informer
 * (B). The namespace controller's reconcile asks whether the clusters are synced, holding
 * B, which asks the FIFO (A). Stop then also waits for B.
 *
 * Fix (kubernetes#30872), written from the GoKer description: `ClustersSynced` reads the
 * informer under B but asks the controller whether it has synced after releasing B, so
 * no goroutine waits for A while holding B.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, Mutex, onRecv, recv, RWMutex, select, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'kubernetes_30872',
    description: 'DeltaFIFO.Pop holds the FIFO lock while adding a cluster (informer lock); ClustersSynced holds the informer lock while asking the FIFO',
    fix: 'ClustersSynced releases the informer lock before asking the controller whether it has synced',
    source: 'https://github.com/kubernetes/kubernetes/pull/30872',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const informer = { mu: new Mutex(sim, 'federatedInformer'), stopChan: null as Chan<never> | null };
    const fifo = new RWMutex(sim, 'DeltaFIFO.lock');

    function* addCluster(): Proc<void> {
      yield* informer.mu.lock();
      yield* informer.mu.unlock();
    }
    /** `DeltaFIFO.Pop(process)`: the process function is the informer's OnAdd. */
    function* pop(): Proc<void> {
      yield* fifo.lock();
      yield* addCluster();
      yield* fifo.unlock();
    }
    function* hasSynced(): Proc<void> {
      yield* fifo.lock();
      yield* fifo.unlock();
    }
    /** `Controller.Run` -> `JitterUntil(processLoop, stopCh)`: loops without sleeping until stopped. */
    function* controllerRun(stopCh: Chan<never>): Proc<void> {
      for (;;) {
        if ((yield* select([onRecv(stopCh)], true)).index === 0) return;
        yield* pop();
      }
    }
    function* clustersSynced(): Proc<void> {
      yield* informer.mu.lock();
      if (fixed) {
        yield* informer.mu.unlock();
        yield* hasSynced();
        return;
      }
      yield* hasSynced();
      yield* informer.mu.unlock();
    }
    function* start(): Proc<void> {
      yield* informer.mu.lock();
      const stopChan = sim.chan<never>(0, 'clusterInformer.stopChan');
      informer.stopChan = stopChan;
      sim.spawn('controller.Run', () => controllerRun(stopChan));
      yield* informer.mu.unlock();
    }
    function* stop(): Proc<void> {
      yield* informer.mu.lock();
      closeChan(informer.stopChan);
      yield* informer.mu.unlock();
    }

    sim.spawn('test', function* () {
      const stopCh = sim.chan<never>(0, 'stop');
      // NamespaceController.Run
      yield* start();
      sim.spawn('stopper', function* () {
        yield* recv(stopCh);
        yield* stop();
      });
      sim.spawn('reconcileNamespace', clustersSynced); // DelayingDeliverer.StartWithHandler
      closeChan(stopCh);
    });
    return {};
  },
});
