/**
 * `failQueue` (spec §3.9): answer every block of a queue with one error, head to tail,
 * saving `next` before each send.
 */
import type { GoError, Proc } from '../sim/index.ts';
import type { Blk } from './block.ts';
import { answer } from './answer.ts';
import type { EngineCore } from './core.ts';
import { ListWalk } from './list-walk.ts';

/** Fails every block from `head` on, with no data and idx 0. */
export function* failQueue(e: EngineCore, head: Blk | null, err: GoError, site = 'failQueue'): Proc<void> {
  const walk = new ListWalk(site);
  const nextSite = `${site}: n.next before send`;
  for (let n = head; n !== null; ) {
    walk.visit(n);
    const next = e.pool.read(n, 'next', nextSite);
    yield* answer(e, n, { err, idx: 0, data: null }, site);
    n = next;
  }
}
