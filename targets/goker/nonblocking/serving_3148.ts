/**
 * GoKer serving#3148 — non-blocking, traditional, data race.
 *
 * The test starts the controller (whose worker reconciles and, through the fake client,
 * ranges over `Fake.ReactionChain`) and only then installs its hooks, which prepend a
 * reactor to that chain: the write races with the worker's read.
 *
 * Fix (serving#3148): the hooks are installed on the fake client before the controller
 * starts.
 */
import { defineTarget } from '../../../harness/target.ts';
import { Shared, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'serving_3148',
    group: 'non-blocking',
    description: "the test prepends a reactor to the fake client's chain while the running controller ranges over it",
    fix: 'install the hooks before starting the controller',
    source: 'https://github.com/knative/serving/pull/3148',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(1);
      sim.spawn('TestServing3148', function* () {
        const reactionChain = new Shared<readonly object[]>(sim, [], 'cs.Fake.ReactionChain');
        /** `Impl.Run(threadiness)`: workers that each reconcile once, waited for on return. */
        function* run(threadiness: number): Proc<void> {
          const sg = new WaitGroup(sim, 'sg');
          for (let i = 0; i < threadiness; i++) {
            yield* sg.add(1);
            sim.spawn(`processNextWorkItem${i}`, function* () {
              // Reconcile -> reconcileKPA -> createKPA -> PodAutoscalers().Create() -> Fake.Invokes
              for (const _ of reactionChain.load('Invokes: range c.ReactionChain'));
              yield* sg.done();
            });
          }
          yield* sg.wait();
        }
        const onUpdate = (): void => reactionChain.store([{}], 'PrependReactor: c.ReactionChain = append(...)');
        if (fixed) onUpdate();
        const eg = new WaitGroup(sim, 'eg.wg');
        yield* eg.add(1); // eg.Go(func() { controller.Run(1) })
        sim.spawn('eg.Go', function* () {
          yield* run(1);
          yield* eg.done();
        });
        if (!fixed) onUpdate(); // h.OnUpdate(&cs.Fake)
        yield* eg.wait();
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
