/**
 * GoKer cockroach#13197 — communication deadlock, channel & context.
 *
 * `DB.begin` starts a goroutine that waits for the transaction's context to be done; the
 * context is cancelled only when the transaction is closed (rolled back or committed). A
 * transaction that is begun and dropped leaves that goroutine waiting forever.
 *
 * Fix (cockroach#13197), written from the GoKer description: the transaction is closed
 * (rolled back) when its user is done with it, which cancels its context.
 */
import { background, recv, withCancel, type Sim } from '../../../sim/index.ts';
import { defineTarget } from '../../../harness/target.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

export default defineTarget({
  ...kernelTarget({
    id: 'cockroach_13197',
    description: 'Tx.awaitDone waits for a context that a dropped transaction never cancels',
    fix: 'roll the transaction back, which cancels its context',
    source: 'https://github.com/cockroachdb/cockroach/pull/13197',
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';
    sim.spawn('test', function* () {
      // db.begin
      const [txCtx, cancel] = withCancel(background(sim), 'tx.ctx');
      sim.spawn('tx.awaitDone', () => recv(txCtx.done()));
      if (fixed) cancel(); // tx.Rollback -> rollback -> close
    });
    return {};
  },
});
