/**
 * GoKer istio#8967 — non-blocking, Go-specific, misuse of channel.
 *
 * `fsSource.Start` runs a goroutine that loops on `<-s.donec`, reading the field each
 * time round; `Stop` closes the channel and then sets `s.donec = nil`. The write races
 * with the goroutine's read (before or after the close, nothing orders them); a
 * goroutine that reads the field after the write waits on a nil channel forever.
 *
 * Fix (istio#8967): `Stop` only closes the channel and leaves the field alone.
 */
import { defineTarget } from '../../../harness/target.ts';
import { closeChan, recv, Shared, sleep, WaitGroup, type Chan, type Sim } from '../../../sim/index.ts';
import { Millisecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'istio_8967',
    group: 'non-blocking',
    description: 'fsSource.Stop sets s.donec = nil while the Start goroutine reads s.donec',
    fix: 'Stop closes donec and no longer resets the field',
    source: 'https://github.com/istio/istio/pull/8967',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    sim.spawn('test', function* () {
      const wg = new WaitGroup(sim, 'wg');
      yield* wg.add(1);
      sim.spawn('source', function* () {
        const donec = new Shared<Chan<never> | null>(sim, null, 's.donec');
        donec.store(sim.chan<never>(0, 'donec'), 'newFsSource: donec: make(chan struct{})');
        // s.Start()
        sim.spawn('fsSource.Start', function* () {
          // for { select { case <-s.donec: return } }: only the close ends the receive
          yield* recv(donec.load('Start goroutine: <-s.donec'));
        });
        // s.Stop()
        closeChan(donec.load('Stop: close(s.donec)'));
        if (!fixed) donec.store(null, 'Stop: s.donec = nil');
        yield* sleep(5 * Millisecond);
        yield* wg.done();
      });
      yield* wg.wait();
    });
    return {};
  },
});
