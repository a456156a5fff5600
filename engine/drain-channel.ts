/**
 * Hardened only: empties the bulker channel after Run has exited, failing every block
 * found there with {@link ErrBulkerClosed}. Run's exit, dispatchers and drain tasks all
 * call it once they see the `closed` signal, so no block stays in the dead buffer.
 */
import { onRecv, select, type Proc } from '../sim/index.ts';
import type { Blk } from './block.ts';
import { answer } from './answer.ts';
import type { EngineCore } from './core.ts';
import { ErrBulkerClosed } from './errors.ts';

/** Receives (non-blocking) until `b.ch` is empty, answering each block with ErrBulkerClosed. */
export function* drainBulkerChannel(e: EngineCore, who: string): Proc<number> {
  let n = 0;
  const idxSite = `${who} (bulker closed): n.idx before send`;
  for (;;) {
    const r = yield* select([onRecv(e.ch)], true);
    if (r.index === -1) return n;
    const h = r.value as Blk;
    const idx = e.pool.read(h, 'idx', idxSite);
    yield* answer(e, h, { err: ErrBulkerClosed, idx, data: null }, `${who} (bulker closed)`);
    n++;
  }
}
