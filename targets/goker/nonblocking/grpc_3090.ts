/**
 * GoKer grpc#3090 — non-blocking, traditional, data race.
 *
 * `newCCResolverWrapper` assigns `ccr.resolver = rb.Build(ccr)`, but `Build` already calls
 * back `UpdateState`, whose `poll` starts a goroutine that reads `ccr.resolver` (under
 * `ccr.mu`, which the assignment does not take): the read races with the assignment, and
 * when it comes first it calls a method on a nil resolver.
 *
 * Fix (grpc-go#3090): a `resolverMu` guards the field — `newCCResolverWrapper` holds it
 * across `Build` and the assignment, and `resolveNow` takes it to use the resolver.
 */
import { defineTarget } from '../../../harness/target.ts';
import { GoPanic, Mutex, Shared, sleep, WaitGroup, type Proc, type Sim } from '../../../sim/index.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'grpc_3090',
    group: 'non-blocking',
    description: "the resolver's poll goroutine reads ccr.resolver while newCCResolverWrapper is still assigning it",
    fix: 'guard ccr.resolver with a resolverMu held across Build and the assignment, and by resolveNow',
    source: 'https://github.com/grpc/grpc-go/pull/3090',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    function* newCCResolverWrapper(): Proc<void> {
      const ccr = {
        mu: new Mutex(sim, 'ccr.mu'),
        resolverMu: new Mutex(sim, 'ccr.resolverMu'),
        resolver: new Shared<object | null>(sim, null, 'ccr.resolver'),
      };
      function* resolveNow(): Proc<void> {
        const mu = fixed ? ccr.resolverMu : ccr.mu;
        yield* mu.lock();
        const r = ccr.resolver.load('resolveNow: read ccr.resolver');
        if (r === null) throw new GoPanic('runtime error: invalid memory address or nil pointer dereference');
        yield* mu.unlock();
      }
      function* poll(): Proc<void> {
        yield* ccr.mu.lock();
        sim.spawn('resolveNow', resolveNow);
        yield* ccr.mu.unlock();
      }
      if (fixed) yield* ccr.resolverMu.lock();
      const resolver = {}; // rb.Build(ccr): r.CC = ccr; r.UpdateState() -> ccr.UpdateState() -> ccr.poll()
      yield* poll();
      ccr.resolver.store(resolver, 'newCCResolverWrapper: ccr.resolver = rb.Build(ccr)');
      if (fixed) yield* ccr.resolverMu.unlock();
    }

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(1);
      sim.spawn('TestGrpc3090', function* () {
        yield* newCCResolverWrapper(); // Dial -> DialContext
        yield* sleep(5 * Millisecond);
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
