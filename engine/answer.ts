/**
 * The engine's non-blocking response send (`select { case n.ch <- r: default: panic(...) }`),
 * recorded on the block before the send so a second answer in one generation is visible.
 * The send is its own scheduling point: the woken caller may run (and free the block)
 * before the sender resumes, so callers of this must not touch the block afterwards.
 */
import { GoPanic, onSend, select, type Proc } from '../sim/index.ts';
import { markBlock, type Blk, type Resp } from './block.ts';
import type { EngineCore } from './core.ts';

const chSites = new Map<string, string>();

/** The access site of the response channel read, per answering site (built once: sites are compared often). */
function chSite(site: string): string {
  let s = chSites.get(site);
  if (s === undefined) {
    s = `${site}: n.ch before send`;
    chSites.set(site, s);
  }
  return s;
}

/** Sends `resp` to the block's response channel, panicking like Go when it is full. */
export function* answer(e: EngineCore, h: Blk, resp: Resp, site: string): Proc<void> {
  const ch = e.pool.read(h, 'ch', chSite(site));
  // A block its drain already gave up on stays abandoned (the late answer is still recorded).
  markBlock(e.pool, h, 'answer', 'answered', resp.err === null ? 'ok' : resp.err.message, site);
  const r = yield* select([onSend(ch, resp)], true);
  if (r.index === -1) throw new GoPanic(`Unexpected blocked response channel on ${site}`);
  if (e.hooks.afterAnswer !== undefined) yield* e.hooks.afterAnswer(e, h, resp, site);
}

/** Records that a flush took the block (its first walk over the queue). */
export function markInFlush(e: EngineCore, h: Blk, site: string): void {
  markBlock(e.pool, h, 'flush', 'in-flush', site, site);
}
