/**
 * Index-level APIs: create, delete, exists and `_refresh`.
 */
import { EsError, illegalArgument, indexNotFound } from '../errors.ts';
import { errorResponse, isObject, jsonResponse } from '../json.ts';
import type { EsResponse } from '../types.ts';
import type { HandlerContext } from './context.ts';
import { resolveForRead, splitIndices } from './resolve.ts';
import { optionalJsonBody } from './search.ts';
import { isWildcard } from '../store/names.ts';

/** `PUT /<index>` (indices.create) with optional settings, mappings and aliases (aliases are accepted but not modelled). */
export function handleCreateIndex(ctx: HandlerContext): EsResponse {
  const parsed = optionalJsonBody(ctx.req.body);
  if (parsed instanceof EsError) return errorResponse(parsed);
  const body = parsed.value ?? {};
  if (!isObject(body)) return errorResponse(new EsError(400, { type: 'parse_exception', reason: 'Failed to parse content to map' }));
  for (const k of Object.keys(body)) {
    if (!['settings', 'mappings', 'aliases'].includes(k)) return errorResponse(new EsError(400, { type: 'parse_exception', reason: `unknown key [${k}] for create index` }));
  }
  const created = ctx.cluster.create(ctx.params['index']!, body);
  if (created instanceof EsError) return errorResponse(created);
  return jsonResponse(200, { acknowledged: true, shards_acknowledged: true, index: created.name });
}

/** `DELETE /<indices>`; wildcards need `action.destructive_requires_name=false` in ES 8+, so they are rejected. */
export function handleDeleteIndex(ctx: HandlerContext): EsResponse {
  const exprs = splitIndices(ctx.params['index']);
  if (exprs.some((e) => isWildcard(e) || e === '_all')) return errorResponse(illegalArgument('Wildcard expressions or all indices are not allowed'));
  const ignore = ctx.req.query['ignore_unavailable'] === 'true';
  const targets = [];
  for (const e of exprs) {
    const idx = ctx.cluster.indices.get(e);
    if (idx) targets.push(idx);
    else if (!ignore) return errorResponse(indexNotFound(e));
  }
  for (const t of targets) ctx.cluster.indices.delete(t.name);
  ctx.cluster.writeVersion++;
  return jsonResponse(200, { acknowledged: true });
}

/** `HEAD /<indices>`: 200 when every named index exists, else 404; empty body. */
export function handleIndexExists(ctx: HandlerContext): EsResponse {
  const found = resolveForRead(ctx.cluster, ctx.params['index'], (k) => ctx.req.query[k] ?? (k === 'allow_no_indices' ? 'false' : undefined));
  return { ...jsonResponse(found instanceof EsError ? 404 : 200, {}), body: '' };
}

/** `POST|GET /_refresh` and `/<indices>/_refresh`. */
export function handleRefresh(ctx: HandlerContext): EsResponse {
  const indices = resolveForRead(ctx.cluster, ctx.params['index'], (k) => ctx.req.query[k]);
  if (indices instanceof EsError) return errorResponse(indices);
  let changed = false;
  for (const idx of indices) changed = idx.refresh() || changed;
  if (changed) ctx.cluster.writeVersion++;
  return jsonResponse(200, { _shards: { total: indices.length * 2, successful: indices.length, failed: 0 } });
}
