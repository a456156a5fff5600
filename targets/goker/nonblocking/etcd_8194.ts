/**
 * GoKer etcd#8194 — non-blocking, traditional, data race.
 *
 * `testLessorGrant` starts a lessor and returns without stopping it, so its `runLoop`
 * goroutine goes on reading the package-level `leaseRevokeRate` while
 * `testLessorRenewExtendPileup` (running concurrently) lowers it and restores it.
 *
 * Fix (etcd#8194): the grant test stops its lessor before it returns (`defer le.Stop()`:
 * close `stopC`, wait for `doneC`), so no lessor of one test outlives it; the tests then
 * run one after the other, as `go test` runs tests that are not parallel.
 *
 * As GoKer wrote it, `newLessor` leaves `stopC` and `doneC` nil, so the loop's
 * `close(doneC)` would panic 50 ms later; the loop outlives the test and is a daemon, as
 * the Go test binary exits under it. The fixed variant makes both channels, as upstream.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, onRecv, recv, select, Shared, WaitGroup, type Chan, type Proc, type Sim } from '../../../sim/index.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'etcd_8194',
    group: 'non-blocking',
    description: "a lessor left running by one test reads leaseRevokeRate while another test rewrites it",
    fix: 'the grant test stops its lessor before returning, so the tests no longer overlap',
    source: 'https://github.com/etcd-io/etcd/pull/8194',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    const leaseRevokeRate = new Shared(sim, 1000, 'leaseRevokeRate');

    interface Lessor {
      readonly stopC: Chan<never> | null;
      readonly doneC: Chan<never> | null;
    }
    function* runLoop(le: Lessor): Proc<void> {
      try {
        for (let i = 0; i < 10; i++) {
          const ls = [{}];
          if (ls.length !== 0) {
            if (ls.length > leaseRevokeRate.load('runLoop: read leaseRevokeRate') / 2) ls.length = 0;
            if ((yield* select([onRecv(le.stopC)], true)).index === 0) return;
          }
          const r = yield* select([onRecv(sim.after(5 * Millisecond, 'time.After(5ms)')), onRecv(le.stopC)]);
          if (r.index === 1) return;
        }
      } finally {
        closeChan(le.doneC);
      }
    }
    function newLessor(): Lessor {
      const le = fixed ? { stopC: sim.chan<never>(0, 'le.stopC'), doneC: sim.chan<never>(0, 'le.doneC') } : { stopC: null, doneC: null };
      sim.spawn('runLoop', () => runLoop(le), { daemon: !fixed });
      return le;
    }
    function* testLessorGrant(): Proc<void> {
      const le = newLessor();
      if (fixed) {
        closeChan(le.stopC); // le.Stop()
        yield* recv(le.doneC);
      }
    }
    function testLessorRenewExtendPileup(): void {
      const old = leaseRevokeRate.load('pileup: save leaseRevokeRate');
      leaseRevokeRate.store(10, 'pileup: leaseRevokeRate = 10');
      leaseRevokeRate.store(old, 'pileup: restore leaseRevokeRate');
    }

    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(2);
      const grantDone = sim.chan<never>(0, 'grant done');
      sim.spawn('TestLessorGrant', function* () {
        yield* testLessorGrant();
        closeChan(grantDone);
        yield* wg.done();
      });
      sim.spawn('TestLessorRenewExtendPileup', function* () {
        if (fixed) yield* recv(grantDone); // sequential tests
        testLessorRenewExtendPileup();
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
