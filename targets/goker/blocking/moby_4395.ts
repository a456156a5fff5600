/**
 * GoKer moby#4395 — communication deadlock, channel.
 *
 * `Go(f)` runs `f` in a goroutine that sends its error on an unbuffered channel and
 * returns the channel; a caller that never receives from it leaves the goroutine blocked
 * in its send forever.
 *
 * Fix (moby#4395): the channel gets a buffer of one, so the send completes whether or not
 * anyone receives.
 */
import { defineTarget } from '../../../harness/target.ts';
import { GoError, send, type Sim } from '../../../sim/index.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'moby_4395',
    description: 'Go(f) sends f\'s error on an unbuffered channel nobody receives from',
    fix: 'give the channel a buffer of one',
    source: 'https://github.com/moby/moby/pull/4395',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    sim.spawn('test', function* () {
      const ch = sim.chan<GoError>(fixed ? 1 : 0, 'Go.ch');
      sim.spawn('Go(f)', () => send(ch, new GoError('')));
      // The test ignores the returned channel.
    });
    return {};
  },
});
