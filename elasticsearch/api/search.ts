/**
 * The `_search` and `_count` handlers over refreshed documents.
 */
import { EsError, parsingError, validationFailed } from '../errors.ts';
import { errorResponse, isObject, jsonResponse, tryParseJson } from '../json.ts';
import { compileQuery } from '../query/compile.ts';
import { executeSearch, matchingHits, searchShards } from '../search/execute.ts';
import { parseSearchRequest } from '../search/request.ts';
import type { EsResponse } from '../types.ts';
import type { HandlerContext } from './context.ts';
import { resolveForRead } from './resolve.ts';

/** Parses an optional JSON body; `''` is undefined. */
export function optionalJsonBody(body: string): { value: unknown } | EsError {
  if (body.trim() === '') return { value: undefined };
  const p = tryParseJson(body);
  return p.ok ? { value: p.value } : parsingError('Failed to parse request body');
}

/** `GET|POST /_search` and `/<indices>/_search`. */
export function handleSearch(ctx: HandlerContext): EsResponse {
  const body = optionalJsonBody(ctx.req.body);
  if (body instanceof EsError) return errorResponse(body);
  const spec = parseSearchRequest(body.value, ctx.req.query);
  if (spec instanceof EsError) return errorResponse(spec);
  const indices = resolveForRead(ctx.cluster, ctx.params['index'], (k) => ctx.req.query[k]);
  if (indices instanceof EsError) return errorResponse(indices);
  return jsonResponse(200, executeSearch(indices, spec));
}

/** `GET|POST /_count` and `/<indices>/_count`: only a `query` key is allowed in the body. */
export function handleCount(ctx: HandlerContext): EsResponse {
  const ta = ctx.req.query['terminate_after'];
  if (ta !== undefined && !(Number(ta) > 0)) return errorResponse(validationFailed(['terminateAfter must be > 0']));
  const body = optionalJsonBody(ctx.req.body);
  if (body instanceof EsError) return errorResponse(body);
  const b = body.value ?? {};
  if (!isObject(b)) return errorResponse(parsingError('request body must be an object'));
  for (const k of Object.keys(b)) if (k !== 'query') return errorResponse(parsingError(`request does not support [${k}]`));
  const query = compileQuery(b['query']);
  if (query instanceof EsError) return errorResponse(query);
  const indices = resolveForRead(ctx.cluster, ctx.params['index'], (k) => ctx.req.query[k]);
  if (indices instanceof EsError) return errorResponse(indices);
  return jsonResponse(200, { count: matchingHits(indices, { query }).length, _shards: searchShards(indices.length) });
}
