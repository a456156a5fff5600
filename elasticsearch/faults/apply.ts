/**
 * Carrying out a planned request: a whole-request fault (429, 502/503 HTML, reset, hang),
 * or the store's answer with drawn item faults, possibly damaged afterwards (a truncated
 * body, a wrong item count).
 */
import type { ItemFaultKind } from '../api/context.ts';
import type { FakeElasticsearch } from '../fake.ts';
import { errorResponse, jsonResponse } from '../json.ts';
import type { EsRequest, EsResponse } from '../types.ts';
import { drawWeighted, type Choose } from './choose.ts';
import { htmlErrorPage } from './html.ts';
import { coordinatingRejection } from './item-errors.ts';
import type { RequestPlan } from './plan.ts';

/** The transport-level result of applying a plan: a response, a reset connection, or a hang. */
export type AppliedResult = EsResponse | { kind: 'reset' } | { kind: 'hang' };

/** Draws an item fault (label `es.fault.item`) from per-mille odds; no decision when all are zero. */
function itemFaultDrawer(odds: Record<ItemFaultKind, number>, choose: Choose): (() => ItemFaultKind | undefined) | undefined {
  const opts = (Object.entries(odds) as [ItemFaultKind, number][]).map(([k, w]) => ({ weight: w, value: k as ItemFaultKind | undefined }));
  if (opts.every((o) => o.weight === 0)) return undefined;
  const ok = 1000 - opts.reduce((s, o) => s + o.weight, 0);
  return () => drawWeighted([{ weight: ok, value: undefined }, ...opts], 'es.fault.item', choose);
}

/** Removes the last item of a bulk/mget/msearch response body (or adds one when empty). */
function wrongItemCount(res: EsResponse): EsResponse {
  const body = JSON.parse(res.body) as Record<string, unknown>;
  for (const key of ['items', 'docs', 'responses']) {
    const list = body[key];
    if (Array.isArray(list)) {
      body[key] = list.length > 0 ? list.slice(0, -1) : [{}];
      return { ...res, body: JSON.stringify(body) };
    }
  }
  return res;
}

/** Strips the op key of one bulk item (which one is decision `es.fault.item-without-op`). */
function itemWithoutOp(res: EsResponse, choose: Choose): EsResponse {
  const body = JSON.parse(res.body) as { items?: unknown[] };
  const items = body.items;
  if (!Array.isArray(items) || items.length === 0) return res;
  const k = items.length === 1 ? 0 : choose(items.length, 'es.fault.item-without-op');
  items[k] = {};
  return { ...res, body: JSON.stringify(body) };
}

/**
 * Runs a planned request. Store effects by outcome:
 * - 429, 502/503 HTML, reset, hang: the store is NOT modified (rejected before or lost before ES ran it).
 * - malformedBody, wrongItemCount, itemWithoutOp: the request DID run and the store IS modified; only the response is damaged.
 * - appliedThenReset, appliedThen504Html: the request DID run; the caller sees a reset or a proxy's 504 instead.
 * - ok: item faults are drawn per bulk item (409/429/503) and per msearch item (429/503); a faulted
 *   bulk item is NOT applied, so the response always matches the store.
 */
export function applyPlan(plan: RequestPlan, req: EsRequest, es: FakeElasticsearch, choose: Choose): AppliedResult {
  const o = plan.outcome;
  switch (o.kind) {
    case 'status429':
      return errorResponse(coordinatingRejection(Buffer.byteLength(req.body, 'utf8')));
    case 'status5xxHtml':
      return { status: o.status, headers: { 'content-type': 'text/html' }, body: htmlErrorPage(o.status) };
    case 'reset':
      return { kind: 'reset' };
    case 'hang':
      return { kind: 'hang' };
    default:
      break;
  }
  const bulkDraw = itemFaultDrawer(plan.item, choose);
  const searchDraw = itemFaultDrawer({ conflict409: 0, rejected429: plan.item.rejected429, unavailable503: plan.item.unavailable503 }, choose);
  const res = es.handleWithHooks(req, {
    ...(bulkDraw ? { bulkItemFault: () => bulkDraw() } : {}),
    ...(searchDraw ? { msearchItemFault: () => searchDraw() } : {}),
  });
  if (o.kind === 'malformedBody') return { ...res, body: res.body.slice(0, Math.floor(res.body.length / 2)) };
  if (o.kind === 'wrongItemCount' && res.status === 200) return wrongItemCount(res);
  if (o.kind === 'itemWithoutOp' && res.status === 200) return itemWithoutOp(res, choose);
  if (o.kind === 'appliedThenReset') return { kind: 'reset' };
  if (o.kind === 'appliedThen504Html') return { status: 504, headers: { 'content-type': 'text/html' }, body: htmlErrorPage(504) };
  return res;
}

/** Convenience for tests and adapters: a 200 JSON response (re-exported helper). */
export const okJson = (body: unknown): EsResponse => jsonResponse(200, body);
