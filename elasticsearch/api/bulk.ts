/**
 * The `_bulk` handler: runs each parsed action against the store in order, lets the fault
 * hooks replace items (a faulted item is not applied), and renders ES's per-item results.
 */
import { EsError, illegalArgument, indexNotFound, validationFailed } from '../errors.ts';
import { errorResponse, jsonResponse } from '../json.ts';
import { bulkItemFaultError } from '../faults/item-errors.ts';
import type { IndexStore } from '../store/index-store.ts';
import { parseRefresh } from '../store/refresh-param.ts';
import { updateDoc } from '../store/update-op.ts';
import { deleteDoc, indexDoc } from '../store/write-ops.ts';
import { renderWrite, type WriteOutcome } from '../store/write-result.ts';
import type { EsResponse } from '../types.ts';
import { parseBulk, type BulkAction } from './bulk-parse.ts';
import type { HandlerContext } from './context.ts';
import { parseSource } from './doc.ts';
import { applyRefresh, idTooLong, parseCas } from './params.ts';

/** Outcome of one bulk item before rendering. */
type ItemOutcome = { op: string; index: string; id: string; ok: WriteOutcome } | { op: string; index: string; id: string; err: EsError };

/** Runs one bulk action against the store. */
function runAction(ctx: HandlerContext, a: BulkAction, indexName: string, touched: Set<IndexStore>): ItemOutcome {
  const rawId = a.meta['_id'];
  const givenId = rawId === undefined || rawId === null ? undefined : String(rawId);
  const fail = (err: EsError, id = givenId ?? '') => ({ op: a.op, index: indexName, id, err });
  const cas = parseCas((k) => a.meta[k]);
  if (cas instanceof EsError) return fail(cas);
  if (a.op === 'delete') {
    const index = ctx.cluster.indices.get(indexName);
    if (!index) return fail(indexNotFound(indexName));
    const w = deleteDoc(index, givenId!, cas);
    touched.add(index);
    return w instanceof EsError ? fail(w) : { op: a.op, index: indexName, id: givenId!, ok: w };
  }
  if (givenId === '') return fail(illegalArgument('if _id is specified it must not be empty'));
  const tooLong = givenId === undefined ? undefined : idTooLong(givenId);
  if (tooLong) return fail(validationFailed([tooLong]));
  const index = ctx.cluster.forWrite(indexName);
  if (index instanceof EsError) return fail(index);
  touched.add(index);
  if (a.op === 'update') {
    const w = updateDoc(index, givenId!, a.update!, cas);
    return w instanceof EsError ? fail(w) : { op: a.op, index: indexName, id: givenId!, ok: w };
  }
  const source = parseSource(a.source ?? '');
  const id = givenId ?? ctx.cluster.nextAutoId();
  if (source instanceof EsError) return fail(source, id);
  const w = indexDoc(index, id, source, a.op === 'create' ? 'create' : 'index', cas);
  return w instanceof EsError ? fail(w, id) : { op: a.op, index: indexName, id, ok: w };
}

/** `POST|PUT /_bulk` and `/<index>/_bulk`. Item faults from the hooks replace items that are then NOT applied. */
export function handleBulk(ctx: HandlerContext): EsResponse {
  const refresh = parseRefresh(ctx.req.query['refresh']);
  if (refresh instanceof EsError) return errorResponse(refresh);
  const defaultIndex = ctx.params['index'];
  const actions = parseBulk(ctx.req.body, defaultIndex);
  if (actions instanceof EsError) return errorResponse(actions);
  const touched = new Set<IndexStore>();
  const outcomes = actions.map((a, i): ItemOutcome => {
    const indexName = String(a.meta['_index'] ?? defaultIndex);
    const fault = ctx.hooks.bulkItemFault?.(i);
    if (fault === undefined) return runAction(ctx, a, indexName, touched);
    const idx = ctx.cluster.indices.get(indexName);
    const id = a.meta['_id'] === undefined ? ctx.cluster.nextAutoId() : String(a.meta['_id']);
    const target = { index: indexName, uuid: idx?.uuid ?? '_na_', id, currentVersion: idx?.live.get(id)?.version, opBytes: Buffer.byteLength(a.source ?? '', 'utf8') };
    return { op: a.op, index: indexName, id, err: bulkItemFaultError(fault, target) };
  });
  const forced = applyRefresh(refresh, touched);
  ctx.cluster.writeVersion++;
  const items = outcomes.map((o) => {
    const body =
      'ok' in o
        ? { ...renderWrite(o.ok, forced), status: o.ok.status }
        : { _index: o.index, _id: o.id, status: o.err.status, error: o.err.error };
    return { [o.op]: body };
  });
  return jsonResponse(200, { errors: outcomes.some((o) => 'err' in o), took: 1, items });
}
