/**
 * `flushSearch` (spec §3.5): search (`/_msearch`) and fleetSearch (`/_fleet/_fleet_msearch`).
 */
import type { Context, GoError, Proc } from '../sim/index.ts';
import { answer, markInFlush } from './answer.ts';
import type { EngineCore } from './core.ts';
import { ListWalk } from './list-walk.ts';
import { SiteErrors } from './errors.ts';
import { mapPick } from './go-map.ts';
import { QueueType, type Queue } from './queue.ts';
import { esRequest, post } from './request.ts';
import { decodeMsearchResponse } from './decode/index.ts';
import { translateError } from './translate-error.ts';

/** Flushes a search or fleet-search queue. */
export function* flushSearch(e: EngineCore, ctx: Context, q: Queue): Proc<GoError | null> {
  let body = '';
  let cnt = 0;
  const walk = new ListWalk('flushSearch');
  for (let n = q.head; n !== null; n = e.pool.read(n, 'next', 'flushSearch: n.next (building the request)')) {
    walk.visit(n);
    body += e.pool.read(n, 'buf', 'flushSearch: n.buf');
    markInFlush(e, n, 'flushSearch');
    cnt++;
  }
  const path = q.type === QueueType.fleetSearch ? '/_fleet/_fleet_msearch' : '/_msearch';
  const r = yield* esRequest(e, ctx, post(path, body));
  if (r.err !== null) return r.err;
  // Upstream returns easyjson's error as it is (no prefix, unlike flushBulk).
  const res = decodeMsearchResponse(r.body);
  if (res.err !== null) return res.err;
  const items = res.value.responses;
  if (items.length !== cnt) return SiteErrors.bulkQueueLengthMismatch();
  const pick = mapPick(e.sim, 'errorTranslationMap');
  let n = q.head;
  for (const item of items) {
    if (n === null) break;
    const next = e.pool.read(n, 'next', 'flushSearch: n.next before send');
    yield* answer(e, n, { err: translateError(item.status, item.error, pick), idx: e.pool.read(n, 'idx', 'flushSearch: n.idx before send'), data: item }, 'flushSearch');
    n = next;
  }
  return null;
}
