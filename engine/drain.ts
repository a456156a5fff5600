/**
 * `drainAndFreeAbortedBlk` (B/C, spec §4.2): after a second-select abort, wait for the
 * late response and free the block, or give up after the 15 s drain timeout (abandon).
 * Hardened: no timeout (every enqueued block is answered: by its flush, by failQueue, or
 * by the closed-bulker drain, which this task also helps with).
 */
import { onRecv, select, type Chan, type Proc } from '../sim/index.ts';
import { markBlock, type Blk, type Resp } from './block.ts';
import type { EngineCore } from './core.ts';
import { drainBulkerChannel } from './drain-channel.ts';

/** Spawns the drain task `drain-<block id>`. */
export function startDrain(e: EngineCore, h: Blk, ch: Chan<Resp>): void {
  e.sim.spawn(`drain-${h.resource.id}`, () => drainAndFreeAbortedBlk(e, h, ch));
}

/** The drain task body (exported so tests can run it synchronously, like D3). */
export function* drainAndFreeAbortedBlk(e: EngineCore, h: Blk, ch: Chan<Resp>): Proc<void> {
  const timeout = e.flags.drainTimeout;
  if (timeout !== null) {
    const t = e.sim.newTimer(timeout, `drain-${h.resource.id}.timer`);
    const r = yield* select([onRecv(ch), onRecv(t.C)]);
    if (r.index === 0) {
      t.stop();
      e.pool.release(h, 'drain: response arrived after dispatch abort');
    } else {
      markBlock(e.pool, h, 'abandon', 'abandoned', 'drain timed out', 'drainAndFreeAbortedBlk');
    }
    return;
  }
  let closedSeen = false;
  for (;;) {
    const r = yield* select([onRecv(ch), onRecv(closedSeen ? null : e.closed)]);
    if (r.index === 0) {
      e.pool.release(h, 'drain: response arrived after dispatch abort');
      return;
    }
    closedSeen = true;
    yield* drainBulkerChannel(e, `drain-${h.resource.id}`);
  }
}
