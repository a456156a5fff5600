/**
 * GoKer grpc#862 — communication deadlock, channel & context.
 *
 * `DialContext` starts the connection's transport goroutine, which retries with growing
 * back-off until the connection's context ends; when dialling returns no connection, the
 * ClientConn is never closed, so that context never ends and the goroutine retries
 * forever.
 *
 * Fix (grpc#862): the deferred clean-up in `DialContext` closes the ClientConn when it
 * returns no connection, cancelling its context.
 */
import { background, onRecv, select, withCancel, withTimeout, type CancelFunc, type Context, type Proc, type Sim } from '../../../sim/index.ts';
import { defineTarget } from '../../../harness/target.ts';
import { Nanosecond } from '../go.ts';
import { kernelTarget, variantOf } from '../kernel.ts';

interface AddrConn {
  ctx: Context;
  cancel: CancelFunc;
}

export default defineTarget({
  ...kernelTarget({
    id: 'grpc_862',
    description: 'a ClientConn that DialContext gives up on is never closed; its resetTransport loop retries forever',
    fix: 'close the ClientConn in DialContext\'s deferred clean-up',
    source: 'https://github.com/grpc/grpc-go/pull/862',
    until: 2_000 * Nanosecond,
  }),
  build(sim: Sim, _config, ctx) {
    const fixed = variantOf(ctx) === 'fixed';

    sim.spawn('test', function* () {
      const [dialCtx, cancelDial] = withCancel(background(sim), 'dial');
      sim.spawn('DialContext', function* () {
        const [ccCtx, ccCancel] = withCancel(background(sim), 'cc');
        const cc = { ctx: ccCtx, cancel: ccCancel, conns: [] as AddrConn[] };
        function* resetTransport(ac: AddrConn): Proc<void> {
          for (let retries = 1; ; retries++) {
            const sleepTime = 2 * Nanosecond * retries;
            const [, cancel] = withTimeout(ac.ctx, 10 * Nanosecond);
            const connectTime = sim.now;
            cancel();
            const r = yield* select([onRecv(sim.after(sleepTime - (sim.now - connectTime))), onRecv(ac.ctx.done())]);
            if (r.index === 1) return;
          }
        }
        sim.spawn('resetAddrConn', function* () {
          const [acCtx, acCancel] = withCancel(cc.ctx, 'ac');
          const ac: AddrConn = { ctx: acCtx, cancel: acCancel };
          cc.conns.push(ac);
          yield* resetTransport(ac);
        });
        // return conn (nil); the deferred clean-up:
        const conn = null;
        if ((yield* select([onRecv(dialCtx.done())], true)).index === 0 && conn !== null) {
          // conn.Close(): never reached, conn is nil
        }
        if (fixed) {
          // cc.Close()
          cc.cancel();
          for (const ac of cc.conns.splice(0)) ac.cancel(); // tearDown
        }
      });
      sim.spawn('cancel', function* () {
        cancelDial();
      });
    });
    return {};
  },
});
