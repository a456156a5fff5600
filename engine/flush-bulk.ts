/**
 * `flushBulk` (spec §3.3): bulk and refreshBulk queues, POST `/_bulk`.
 */
import { GoError, type Context, type Proc } from '../sim/index.ts';
import { answer, markInFlush } from './answer.ts';
import type { EngineCore } from './core.ts';
import { ListWalk } from './list-walk.ts';
import { SiteErrors } from './errors.ts';
import { mapPick } from './go-map.ts';
import { QueueType, type Queue } from './queue.ts';
import { esRequest, post } from './request.ts';
import { chooseBulkItem, decodeBulkResponse } from './decode/index.ts';
import { translateError } from './translate-error.ts';
import { NIL_BULK_ITEM } from './typed-nil.ts';

/** Flushes a bulk queue; an error return means no block was answered (flushQueue then fails them all). */
export function* flushBulk(e: EngineCore, ctx: Context, q: Queue): Proc<GoError | null> {
  let body = '';
  let cnt = 0;
  const walk = new ListWalk('flushBulk');
  for (let n = q.head; n !== null; n = e.pool.read(n, 'next', 'flushBulk: n.next (building the request)')) {
    walk.visit(n);
    body += e.pool.read(n, 'buf', 'flushBulk: n.buf');
    markInFlush(e, n, 'flushBulk');
    cnt++;
  }
  if (e.hooks.flushBulkInstead !== undefined) return yield* e.hooks.flushBulkInstead(e, q);
  const r = yield* esRequest(e, ctx, post('/_bulk', body, q.type === QueueType.refreshBulk));
  if (r.err !== null) return r.err;
  const res = decodeBulkResponse(r.body);
  if (res.err !== null) return new GoError(`flushBulk failed, could not unmarshal ES response: ${res.err.message}`);
  const items = res.value.items;
  if (items.length !== cnt) return SiteErrors.bulkQueueLengthMismatch();
  // From here on no error may be returned: blocks are handed back one by one.
  const pick = mapPick(e.sim, 'errorTranslationMap');
  let n = q.head;
  for (const raw of items) {
    if (n === null) break;
    const next = e.pool.read(n, 'next', 'flushBulk: n.next before send');
    const item = chooseBulkItem(raw);
    const err = item === null ? SiteErrors.unknownBulkOperator() : translateError(item.status, item.error, pick);
    // An item without a known op key goes out as a typed nil (`data: item` with item a nil pointer).
    yield* answer(e, n, { err, idx: e.pool.read(n, 'idx', 'flushBulk: n.idx before send'), data: item ?? NIL_BULK_ITEM }, 'flushBulk');
    n = next;
  }
  return null;
}
