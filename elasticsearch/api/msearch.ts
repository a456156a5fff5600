/**
 * The `_msearch` and `_fleet/_fleet_msearch` handler: one search per entry, each answering
 * its own result or error (and item faults from the hooks).
 */
import { errorEnvelope, EsError } from '../errors.ts';
import { errorResponse, jsonResponse } from '../json.ts';
import { msearchItemFaultError } from '../faults/item-errors.ts';
import { executeSearch } from '../search/execute.ts';
import type { EsResponse } from '../types.ts';
import type { HandlerContext } from './context.ts';
import { parseMsearch } from './msearch-parse.ts';
import { resolveForRead } from './resolve.ts';

/**
 * `_msearch`, `/<index>/_msearch`, `_fleet/_fleet_msearch`. Executes immediately: waiting for
 * `wait_for_checkpoints` is the adapter's job (see `FakeElasticsearch.mustWaitForCheckpoints`).
 */
export function handleMsearch(ctx: HandlerContext): EsResponse {
  const entries = parseMsearch(ctx.req.body, ctx.req.query);
  if (entries instanceof EsError) return errorResponse(entries);
  const responses = entries.map((e, i) => {
    const fail = (err: EsError) => ({ error: errorEnvelope(err.status, err.error).error, status: err.status });
    const fault = ctx.hooks.msearchItemFault?.(i);
    if (fault !== undefined) return fail(msearchItemFaultError(fault));
    const raw = e.header['index'] ?? e.header['indices'] ?? ctx.params['index'];
    const indices = resolveForRead(ctx.cluster, raw, (k) => e.header[k] ?? ctx.req.query[k]);
    if (indices instanceof EsError) return fail(indices);
    return { ...executeSearch(indices, e.spec), status: 200 };
  });
  return jsonResponse(200, { took: 1, responses });
}
