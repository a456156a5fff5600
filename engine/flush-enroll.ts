/**
 * `flushEnrollSearch` (C only, spec §3.6): FIFO order, dedupe by enrollment id, one
 * refresh of the canonicals' indices, one msearch of the canonicals, then each canonical's
 * answer followed by its duplicates' answers.
 */
import { GoError, type Context, type Proc } from '../sim/index.ts';
import type { Blk } from './block.ts';
import { answer, markInFlush } from './answer.ts';
import type { EngineCore } from './core.ts';
import { ListWalk } from './list-walk.ts';
import { ErrEnrollDuplicate, ErrQueueLengthMismatch } from './errors.ts';
import { failQueue } from './fail-queue.ts';
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
  const indices: string[] = [];
  for (const g of groups) {
    const ri = e.pool.read(g.canonical, 'refreshIndex', 'flushEnrollSearch: n.refreshIndex');
    if (ri !== '' && !indices.includes(ri)) indices.push(ri);
  }
  if (indices.length > 0) {
    const res = yield* e.transport.roundTrip(ctx, post(`/${indices.join(',')}/_refresh`, ''));
    if (res.kind === 'error') {
      yield* failQueue(e, q.head, res.error, 'flushEnrollSearch');
      return null;
    }
    if (res.status > 299) {
      yield* failQueue(e, q.head, new GoError(`enroll search refresh failed: ${res.status}`), 'flushEnrollSearch');
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
  if (items.length !== groups.length) return ErrQueueLengthMismatch;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as Group;
    const item = items[i];
    const err = item === undefined ? null : translateError(item.status, item.error);
    // The group (dedupe key and duplicates) was captured before any send (fix 2a09846fa).
    const dups = g.dups;
    const dupIdx = dups.map((d) => e.pool.read(d, 'idx', 'flushEnrollSearch: duplicate n.idx before the sends'));
    yield* answer(e, g.canonical, { err, idx: e.pool.read(g.canonical, 'idx', 'flushEnrollSearch: n.idx before send'), data: item ?? null }, 'flushEnrollSearch');
    for (let j = 0; j < dups.length; j++) {
      yield* answer(e, dups[j] as Blk, { err: err ?? ErrEnrollDuplicate, idx: dupIdx[j] as number, data: null }, 'flushEnrollSearch');
    }
  }
  return null;
}
