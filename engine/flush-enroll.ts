/**
 * `flushEnrollSearch` (C only, spec §3.6; `opSearch.go` at dc8e230 l.253–379): FIFO order,
 * dedupe by enrollment id, one refresh of the canonicals' indices (collected in a Go map,
 * so their order is a decision), one msearch of the canonicals, then each canonical's
 * answer followed by its duplicates' answers (`respT{err: dupeErr}`: idx 0, no data).
 */
import { GoError, type Context, type Proc } from '../sim/index.ts';
import type { Blk } from './block.ts';
import { answer, markInFlush } from './answer.ts';
import type { EngineCore } from './core.ts';
import { ListWalk } from './list-walk.ts';
import { ErrEnrollDuplicate, SiteErrors } from './errors.ts';
import { closedResponseString } from './es-client/response-string.ts';
import { failQueue } from './fail-queue.ts';
import { goMapOrder, mapPick } from './go-map.ts';
import type { Queue } from './queue.ts';
import { esRequest, post } from './request.ts';
import { decodeMsearchResponse } from './decode/index.ts';
import { translateError } from './translate-error.ts';

interface Group {
  readonly key: string;
  readonly canonical: Blk;
  readonly dups: Blk[];
}

/** Flushes the enroll queue. Request-level failures are answered here (failQueue, then nil). */
export function* flushEnrollSearch(e: EngineCore, ctx: Context, q: Queue): Proc<GoError | null> {
  const lifo: Blk[] = [];
  const walk = new ListWalk('flushEnrollSearch');
  for (let n = q.head; n !== null; n = e.pool.read(n, 'next', 'flushEnrollSearch: n.next (collecting the queue)')) {
    walk.visit(n);
    markInFlush(e, n, 'flushEnrollSearch');
    lifo.push(n);
  }
  const fifo = lifo.reverse();
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const h of fifo) {
    const key = e.pool.read(h, 'dedupeKey', 'flushEnrollSearch: n.dedupeKey');
    const g = byKey.get(key);
    if (g === undefined) {
      const ng: Group = { key, canonical: h, dups: [] };
      byKey.set(key, ng);
      groups.push(ng);
    } else {
      g.dups.push(h);
    }
  }
  if (groups.length === 0) return null;
  const unique = new Set<string>();
  for (const g of groups) {
    const ri = e.pool.read(g.canonical, 'refreshIndex', 'flushEnrollSearch: n.refreshIndex');
    if (ri !== '') unique.add(ri);
  }
  if (unique.size > 0) {
    const indices = goMapOrder(e.sim, [...unique], 'refreshIndices');
    const res = yield* e.transport.roundTrip(ctx, post(`/${indices.join(',')}/_refresh`, ''));
    if (res.kind === 'error') {
      yield* failQueue(e, q.head, res.error, 'flushEnrollSearch');
      return null;
    }
    // The body is closed before `refreshResp.String()` reads it.
    if (res.status > 299) {
      yield* failQueue(e, q.head, SiteErrors.enrollRefreshFailed(closedResponseString(res.status, res.body)), 'flushEnrollSearch');
      return null;
    }
  }
  let body = '';
  for (const g of groups) body += e.pool.read(g.canonical, 'buf', 'flushEnrollSearch: n.buf');
  const r = yield* esRequest(e, ctx, post('/_msearch', body));
  if (r.err !== null) {
    yield* failQueue(e, q.head, r.err, 'flushEnrollSearch');
    return null;
  }
  // Upstream returns easyjson's error as it is (no prefix, unlike flushBulk).
  const res = decodeMsearchResponse(r.body);
  if (res.err !== null) return res.err;
  const items = res.value.responses;
  if (items.length !== groups.length) return SiteErrors.enrollQueueLengthMismatch(items.length, groups.length);
  const pick = mapPick(e.sim, 'errorTranslationMap');
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as Group;
    const item = items[i];
    const err = item === undefined ? null : translateError(item.status, item.error, pick);
    // The group (dedupe key and duplicates) was captured before any send (fix 2a09846fa).
    const dups = g.dups;
    yield* answer(e, g.canonical, { err, idx: e.pool.read(g.canonical, 'idx', 'flushEnrollSearch: n.idx before send'), data: item ?? null }, 'flushEnrollSearch');
    for (const d of dups) yield* answer(e, d, { err: err ?? ErrEnrollDuplicate, idx: 0, data: null }, 'flushEnrollSearch');
  }
  return null;
}
