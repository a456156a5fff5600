/**
 * The `_mget` handler: realtime gets of many documents by `docs` or `ids`, with per-doc
 * `found: false` or `error` entries as ES renders them.
 */
import { errorEnvelope, EsError, indexNotFound, parsingError, validationFailed } from '../errors.ts';
import { errorResponse, isObject, jsonResponse } from '../json.ts';
import type { IndexStore } from '../store/index-store.ts';
import { parseBoolParam } from '../store/refresh-param.ts';
import type { EsResponse } from '../types.ts';
import type { HandlerContext } from './context.ts';
import { renderGetDoc } from './doc.ts';
import { optionalJsonBody } from './search.ts';

/** `GET|POST /_mget` and `/<index>/_mget` with `{"docs":[{_index,_id}]}` or `{"ids":[...]}`. */
export function handleMget(ctx: HandlerContext): EsResponse {
  const parsed = optionalJsonBody(ctx.req.body);
  if (parsed instanceof EsError) return errorResponse(parsed);
  const body = parsed.value ?? {};
  if (!isObject(body)) return errorResponse(parsingError('request body must be an object'));
  for (const k of Object.keys(body)) if (k !== 'docs' && k !== 'ids') return errorResponse(parsingError(`unknown parameter [${k}]`));
  const defaultIndex = ctx.params['index'];
  const docs: { index?: string; id?: string; source: boolean }[] = [];
  if (Array.isArray(body['docs'])) {
    for (const d of body['docs']) {
      if (!isObject(d)) return errorResponse(parsingError('docs array element should include an object'));
      const idx = d['_index'] ?? defaultIndex;
      docs.push({ ...(idx !== undefined ? { index: String(idx) } : {}), ...(d['_id'] !== undefined ? { id: String(d['_id']) } : {}), source: d['_source'] !== false });
    }
  }
  if (Array.isArray(body['ids'])) for (const id of body['ids']) docs.push({ ...(defaultIndex !== undefined ? { index: defaultIndex } : {}), id: String(id), source: true });
  if (docs.length === 0) return errorResponse(validationFailed(['no documents to get']));
  const msgs: string[] = [];
  docs.forEach((d, i) => {
    if (d.index === undefined) msgs.push(`index is missing for doc ${i}`);
    if (d.id === undefined) msgs.push(`id is missing for doc ${i}`);
  });
  if (msgs.length) return errorResponse(validationFailed(msgs));
  const realtime = parseBoolParam(ctx.req.query['realtime'], true);
  if (parseBoolParam(ctx.req.query['refresh'], false)) {
    const touched = new Set<IndexStore>(docs.map((d) => ctx.cluster.indices.get(d.index!)).filter((x): x is IndexStore => !!x));
    let changed = false;
    for (const idx of touched) changed = idx.refresh() || changed;
    if (changed) ctx.cluster.writeVersion++;
  }
  const out = docs.map((d) => {
    const index = ctx.cluster.indices.get(d.index!);
    if (!index) return { _index: d.index, _id: d.id, error: errorEnvelope(404, indexNotFound(d.index!).error).error };
    const doc = (realtime ? index.live : index.visible).get(d.id!);
    return doc ? renderGetDoc(index.name, doc, d.source) : { _index: index.name, _id: d.id, found: false };
  });
  return jsonResponse(200, { docs: out });
}
