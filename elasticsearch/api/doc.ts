/**
 * Single-document APIs: index, create, delete, update and get (`_doc`, `_create`,
 * `_update`, `_source`), with ES's status codes, bodies and refresh handling.
 */
import { bodyRequired, documentParsing, EsError, indexNotFound, validationFailed } from '../errors.ts';
import { errorResponse, isObject, jsonResponse, tryParseJson } from '../json.ts';
import { parseBoolParam, parseRefresh } from '../store/refresh-param.ts';
import { deleteDoc, indexDoc } from '../store/write-ops.ts';
import { renderWrite, type WriteOutcome } from '../store/write-result.ts';
import { parseUpdateBody } from '../store/update-body.ts';
import { updateDoc } from '../store/update-op.ts';
import type { EsResponse } from '../types.ts';
import type { HandlerContext } from './context.ts';
import { applyRefresh, idTooLong, intParam, parseCas } from './params.ts';
import type { IndexStore } from '../store/index-store.ts';

/** Parses a document source; ES rejects non-object and malformed sources with `document_parsing_exception`. */
export function parseSource(text: string): Record<string, unknown> | EsError {
  const parsed = tryParseJson(text);
  if (!parsed.ok) return documentParsing('[1:1] failed to parse: malformed JSON source');
  if (!isObject(parsed.value)) return documentParsing('[1:1] failed to parse: source is not a JSON object');
  return parsed.value;
}

/** Runs a write then renders it with refresh handling. */
function finishWrite(ctx: HandlerContext, index: IndexStore, w: WriteOutcome | EsError): EsResponse {
  if (w instanceof EsError) return errorResponse(w);
  const policy = parseRefresh(ctx.req.query['refresh']);
  const forced = policy instanceof EsError ? false : applyRefresh(policy, [index]);
  ctx.cluster.writeVersion++;
  return jsonResponse(w.status, renderWrite(w, forced));
}

/** `PUT|POST /<index>/_doc/<id>`, `POST /<index>/_doc`, `PUT|POST /<index>/_create/<id>`. */
export function handleIndex(ctx: HandlerContext, create: boolean): EsResponse {
  const q = ctx.req.query;
  const refresh = parseRefresh(q['refresh']);
  if (refresh instanceof EsError) return errorResponse(refresh);
  const cas = parseCas((k) => q[k]);
  if (cas instanceof EsError) return errorResponse(cas);
  const opType = create || q['op_type'] === 'create' ? 'create' : 'index';
  const id = ctx.params['id'] ?? ctx.cluster.nextAutoId();
  const tooLong = idTooLong(id);
  if (tooLong) return errorResponse(validationFailed([tooLong]));
  if (ctx.req.body.trim() === '') return errorResponse(bodyRequired());
  const source = parseSource(ctx.req.body);
  if (source instanceof EsError) return errorResponse(source);
  const index = ctx.cluster.forWrite(ctx.params['index']!);
  if (index instanceof EsError) return errorResponse(index);
  return finishWrite(ctx, index, indexDoc(index, id, source, opType, cas));
}

/** `DELETE /<index>/_doc/<id>`; a missing index is a 404 (deletes never auto-create). */
export function handleDelete(ctx: HandlerContext): EsResponse {
  const refresh = parseRefresh(ctx.req.query['refresh']);
  if (refresh instanceof EsError) return errorResponse(refresh);
  const cas = parseCas((k) => ctx.req.query[k]);
  if (cas instanceof EsError) return errorResponse(cas);
  const name = ctx.params['index']!;
  const index = ctx.cluster.indices.get(name);
  if (!index) return errorResponse(indexNotFound(name));
  return finishWrite(ctx, index, deleteDoc(index, ctx.params['id']!, cas));
}

/** `POST /<index>/_update/<id>`. */
export function handleUpdate(ctx: HandlerContext): EsResponse {
  const q = ctx.req.query;
  const refresh = parseRefresh(q['refresh']);
  if (refresh instanceof EsError) return errorResponse(refresh);
  const cas = parseCas((k) => q[k]);
  if (cas instanceof EsError) return errorResponse(cas);
  const retries = intParam(q, 'retry_on_conflict');
  if (retries instanceof EsError) return errorResponse(retries);
  if (ctx.req.body.trim() === '') return errorResponse(bodyRequired());
  const parsed = tryParseJson(ctx.req.body);
  const spec = parseUpdateBody(parsed.ok ? parsed.value : undefined, cas.ifSeqNo !== undefined, retries ?? 0);
  if (spec instanceof EsError) return errorResponse(spec);
  const index = ctx.cluster.forWrite(ctx.params['index']!);
  if (index instanceof EsError) return errorResponse(index);
  return finishWrite(ctx, index, updateDoc(index, ctx.params['id']!, spec, cas));
}

/** `GET|HEAD /<index>/_doc/<id>` (realtime unless `realtime=false`) and `GET|HEAD /<index>/_source/<id>`. */
export function handleGet(ctx: HandlerContext, sourceOnly: boolean): EsResponse {
  const q = ctx.req.query;
  const name = ctx.params['index']!;
  const id = ctx.params['id']!;
  const index = ctx.cluster.indices.get(name);
  const head = ctx.req.method === 'HEAD';
  if (!index) return head ? { ...jsonResponse(404, {}), body: '' } : errorResponse(indexNotFound(name));
  if (parseBoolParam(q['refresh'], false) && index.refresh()) ctx.cluster.writeVersion++;
  const doc = (parseBoolParam(q['realtime'], true) ? index.live : index.visible).get(id);
  if (head) return { ...jsonResponse(doc ? 200 : 404, {}), body: '' };
  if (sourceOnly) {
    if (doc) return jsonResponse(200, doc.source);
    return errorResponse(new EsError(404, { type: 'resource_not_found_exception', reason: `Document not found [${name}]/[${id}]` }));
  }
  if (!doc) return jsonResponse(404, { _index: name, _id: id, found: false });
  return jsonResponse(200, renderGetDoc(name, doc, q['_source'] !== 'false'));
}

/** A found document as get/mget render it. */
export function renderGetDoc(
  index: string,
  doc: { id: string; version: number; seqNo: number; primaryTerm: number; source: unknown },
  withSource: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    _index: index,
    _id: doc.id,
    _version: doc.version,
    _seq_no: doc.seqNo,
    _primary_term: doc.primaryTerm,
    found: true,
  };
  if (withSource) out['_source'] = doc.source;
  return out;
}
