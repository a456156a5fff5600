/**
 * The route table: which handler answers which method and path, and ES's 400/405 answers
 * for unknown paths and wrong methods.
 */
import { EsError, illegalArgument } from './errors.ts';
import { errorResponse, jsonResponse } from './json.ts';
import type { HandlerContext } from './api/context.ts';
import { handleBulk } from './api/bulk.ts';
import { handleDelete, handleGet, handleIndex, handleUpdate } from './api/doc.ts';
import { handleCreateIndex, handleDeleteIndex, handleIndexExists, handleRefresh } from './api/indices.ts';
import { handleMget } from './api/mget.ts';
import { handleApiKeyBulkUpdate, handleAuthenticate, handleClusterHealth, handleInfo } from './api/misc.ts';
import { handleMsearch } from './api/msearch.ts';
import { handleCount, handleSearch } from './api/search.ts';
import type { EsMethod, EsResponse } from './types.ts';

type Handler = (ctx: HandlerContext) => EsResponse;

/** One route: a path pattern (`{index}`/`{id}` are parameters), the methods it accepts, and its handler. */
interface Route {
  pattern: string[];
  methods: EsMethod[];
  handler: Handler;
}

const r = (path: string, methods: EsMethod[], handler: Handler): Route => ({ pattern: path.split('/').filter(Boolean), methods, handler });

/** The route table; more specific patterns first. */
const ROUTES: Route[] = [
  r('/', ['GET', 'HEAD'], handleInfo),
  r('/_bulk', ['POST', 'PUT'], handleBulk),
  r('/_mget', ['GET', 'POST'], handleMget),
  r('/_msearch', ['GET', 'POST'], handleMsearch),
  r('/_fleet/_fleet_msearch', ['GET', 'POST'], handleMsearch),
  r('/_search', ['GET', 'POST'], handleSearch),
  r('/_count', ['GET', 'POST'], handleCount),
  r('/_refresh', ['GET', 'POST'], handleRefresh),
  r('/_cluster/health', ['GET'], handleClusterHealth),
  r('/_cluster/health/{index}', ['GET'], handleClusterHealth),
  r('/_security/api_key/_bulk_update', ['POST'], handleApiKeyBulkUpdate),
  r('/_security/_authenticate', ['GET'], handleAuthenticate),
  r('/{index}/_bulk', ['POST', 'PUT'], handleBulk),
  r('/{index}/_mget', ['GET', 'POST'], handleMget),
  r('/{index}/_msearch', ['GET', 'POST'], handleMsearch),
  r('/{index}/_fleet/_fleet_msearch', ['GET', 'POST'], handleMsearch),
  r('/{index}/_search', ['GET', 'POST'], handleSearch),
  r('/{index}/_count', ['GET', 'POST'], handleCount),
  r('/{index}/_refresh', ['GET', 'POST'], handleRefresh),
  r('/{index}/_doc', ['POST'], (c) => handleIndex(c, false)),
  r('/{index}/_doc/{id}', ['PUT', 'POST'], (c) => handleIndex(c, false)),
  r('/{index}/_doc/{id}', ['GET', 'HEAD'], (c) => handleGet(c, false)),
  r('/{index}/_doc/{id}', ['DELETE'], handleDelete),
  r('/{index}/_create/{id}', ['PUT', 'POST'], (c) => handleIndex(c, true)),
  r('/{index}/_update/{id}', ['POST'], handleUpdate),
  r('/{index}/_source/{id}', ['GET', 'HEAD'], (c) => handleGet(c, true)),
  r('/{index}', ['PUT'], handleCreateIndex),
  r('/{index}', ['DELETE'], handleDeleteIndex),
  r('/{index}', ['HEAD'], handleIndexExists),
];

/** Matches a split path against a pattern, returning decoded parameters. */
function match(pattern: string[], segs: string[]): Record<string, string> | undefined {
  if (pattern.length !== segs.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!, s = segs[i]!;
    if (p.startsWith('{')) {
      if (s.startsWith('_') && p === '{index}' && !s.startsWith('_all')) return undefined;
      params[p.slice(1, -1)] = s;
    } else if (p !== s) return undefined;
  }
  return params;
}

/** Finds the handler for a request; unknown paths and wrong methods get ES's 400/405 answers. */
export function route(method: EsMethod, path: string): { handler: Handler; params: Record<string, string> } | EsResponse {
  let segs: string[];
  try {
    segs = path.split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return errorResponse(illegalArgument(`invalid uri [${path}]`));
  }
  const allowed: EsMethod[] = [];
  for (const rt of ROUTES) {
    const params = match(rt.pattern, segs);
    if (!params) continue;
    if (rt.methods.includes(method)) return { handler: rt.handler, params };
    allowed.push(...rt.methods);
  }
  if (allowed.length > 0) {
    return jsonResponse(405, { error: `Incorrect HTTP method for uri [${path}] and method [${method}], allowed: [${[...new Set(allowed)].sort().join(', ')}]`, status: 405 });
  }
  return errorResponse(new EsError(400, { type: 'illegal_argument_exception', reason: `no handler found for uri [${path}] and method [${method}]` }));
}
