/**
 * `flushRead` (spec §3.4): read and refreshRead queues, POST `/_mget`.
 */
import type { Context, GoError, Proc } from '../sim/index.ts';
import { answer, markInFlush } from './answer.ts';
import type { EngineCore } from './core.ts';
import { ListWalk } from './list-walk.ts';
import { ErrElasticNotFound, SiteErrors } from './errors.ts';
import { QueueType, type Queue } from './queue.ts';
import { esRequest, post } from './request.ts';
import { decodeMgetResponse } from './decode/index.ts';

/** The `_mget` body: `{"docs": [` then the fragments, the last trailing comma replaced by `]}`. */
export function mgetBody(fragments: string): string {
  const s = `{"docs": [${fragments}`;
  return s.endsWith(',') ? `${s.slice(0, -1)}]}` : `${s}]}`;
}

/** Flushes a read queue. */
export function* flushRead(e: EngineCore, ctx: Context, q: Queue): Proc<GoError | null> {
  let frags = '';
  let cnt = 0;
  const walk = new ListWalk('flushRead');
  for (let n = q.head; n !== null; n = e.pool.read(n, 'next', 'flushRead: n.next (building the request)')) {
    walk.visit(n);
    frags += e.pool.read(n, 'buf', 'flushRead: n.buf');
    markInFlush(e, n, 'flushRead');
    cnt++;
  }
  const r = yield* esRequest(e, ctx, post('/_mget', mgetBody(frags), q.type === QueueType.refreshRead));
  if (r.err !== null) return r.err;
  // Upstream returns easyjson's error as it is (no prefix, unlike flushBulk).
  const res = decodeMgetResponse(r.body);
  if (res.err !== null) return res.err;
  const docs = res.value.docs;
  if (docs.length !== cnt) return SiteErrors.mgetQueueLengthMismatch();
  let n = q.head;
  for (const doc of docs) {
    if (n === null) break;
    const next = e.pool.read(n, 'next', 'flushRead: n.next before send');
    yield* answer(e, n, { err: doc.found === true ? null : ErrElasticNotFound, idx: e.pool.read(n, 'idx', 'flushRead: n.idx before send'), data: doc }, 'flushRead');
    n = next;
  }
  return null;
}
