/**
 * One Elasticsearch request from a flush: transport errors and non-2xx statuses
 * (`res.IsError()`, status > 299, translated by `parseError`) become errors.
 */
import type { Context, GoError, Proc } from '../sim/index.ts';
import type { HttpRequest } from './transport.ts';
import type { EngineCore } from './core.ts';
import { mapPick } from './go-map.ts';
import { parseError } from './translate-error.ts';

/** A 2xx response body, or the error the flush returns. */
export type EsReply = { readonly err: GoError } | { readonly err: null; readonly status: number; readonly body: string };

/** Sends `req` through the transport with the flush's context. */
export function* esRequest(e: EngineCore, ctx: Context, req: HttpRequest): Proc<EsReply> {
  const res = yield* e.transport.roundTrip(ctx, req);
  if (res.kind === 'error') return { err: res.error };
  if (res.status > 299) return { err: parseError(res.status, res.body, mapPick(e.sim, 'errorTranslationMap')) };
  return { err: null, status: res.status, body: res.body };
}

/** A POST with an optional `refresh=true`. */
export function post(path: string, body: string, refresh = false): HttpRequest {
  return { method: 'POST', path, query: refresh ? { refresh: 'true' } : {}, body };
}
