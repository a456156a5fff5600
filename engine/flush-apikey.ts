/**
 * `flushUpdateAPIKey` (spec §3.7): merge ids per role hash, POST
 * `/_security/api_key/_bulk_update` per batch, then answer every block with err nil and the
 * status of the batch holding `idxToID[block.idx]` (R2: all pool blocks have idx 0).
 * Upstream reads `next` AFTER each send; the model does the same (a use after free the
 * pool reports) unless the variant sets `apiKeySaveNext`.
 */
import { GoError, type Context, type Proc } from '../sim/index.ts';
import { byteLen } from './block.ts';
import { answer, markInFlush } from './answer.ts';
import type { EngineCore } from './core.ts';
import { ListWalk } from './list-walk.ts';
import { parseKeyReqCut, parseKeyReqDecoder } from './apikey-request.ts';
import { goCompact, goQuote } from './decode/go-encode.ts';
import { goMapOrder } from './go-map.ts';
import { APIKEY_ENVELOPE_SIZE, APIKEY_SAFE_BUFFER } from './options.ts';
import type { Queue } from './queue.ts';
import { esRequest, post } from './request.ts';

/** `getIDsCountPerBatch(roleSize, maxKeySize)`. */
export function idsPerBatch(maxReqSize: number, roleSize: number, maxKeySize: number): number {
  const spare = maxReqSize - roleSize - APIKEY_ENVELOPE_SIZE;
  if (maxKeySize > 0 && spare > maxKeySize) return Math.floor((spare * APIKEY_SAFE_BUFFER) / maxKeySize);
  return 0;
}

/** The bulk-update request body for one batch: `json.Marshal(esAPIKeyBulkUpdateRequest)` (empty roles omitted). */
export function apiKeyBulkUpdateBody(ids: readonly string[], roles: string): string {
  return `{"ids":[${ids.map(goQuote).join(',')}]${roles === '' ? '' : `,"role_descriptors":${goCompact(roles)}`}}`;
}

/** Flushes the API-key update queue. */
export function* flushUpdateAPIKey(e: EngineCore, ctx: Context, q: Queue): Proc<GoError | null> {
  const roles = new Map<string, string>();
  const rolePerID = new Map<string, string>();
  const idxToID = new Map<number, string>();
  let maxKeySize = 0;
  const walk = new ListWalk('flushUpdateAPIKey');
  for (let n = q.head; n !== null; n = e.pool.read(n, 'next', 'flushUpdateAPIKey: n.next (building the request)')) {
    walk.visit(n);
    markInFlush(e, n, 'flushUpdateAPIKey');
    const buf = e.pool.read(n, 'buf', 'flushUpdateAPIKey: n.buf');
    const req = e.flags.apiKeyCutParse ? parseKeyReqCut(buf) : parseKeyReqDecoder(buf);
    if (req instanceof GoError) return req;
    if (!roles.has(req.hash)) roles.set(req.hash, req.roles);
    rolePerID.set(req.id, req.hash); // "last one wins": with LIFO iteration, the oldest block wins
    idxToID.set(e.pool.read(n, 'idx', 'flushUpdateAPIKey: n.idx (building the request)'), req.id);
    maxKeySize = Math.max(maxKeySize, byteLen(req.id));
  }
  const idsPerRole = new Map<string, string[]>();
  for (const id of goMapOrder(e.sim, [...rolePerID.keys()], 'rolePerID')) {
    const hash = rolePerID.get(id) as string;
    const l = idsPerRole.get(hash);
    if (l === undefined) idsPerRole.set(hash, [id]);
    else l.push(id);
  }
  const responses = new Map<number, number>();
  const idToResponse = new Map<string, number>();
  let responseIdx = 0;
  for (const hash of goMapOrder(e.sim, [...roles.keys()], 'roles')) {
    const role = roles.get(hash) as string;
    const per = idsPerBatch(e.opts.apikeyMaxReqSize, byteLen(role), maxKeySize);
    const ids = idsPerRole.get(hash) ?? [];
    if (per <= 0) {
      e.sim.note(`flushUpdateAPIKey: no API key id fits the request size for role hash ${hash}`);
      continue;
    }
    for (let from = 0; from < ids.length; from += per) {
      const batch = ids.slice(from, from + per);
      const r = yield* esRequest(e, ctx, post('/_security/api_key/_bulk_update', apiKeyBulkUpdateBody(batch, role)));
      if (r.err !== null) return r.err;
      responses.set(responseIdx, r.status);
      for (const id of batch) idToResponse.set(id, responseIdx);
      responseIdx++;
    }
  }
  // From here on no error may be returned.
  let n = q.head;
  while (n !== null) {
    const saved = e.flags.apiKeySaveNext ? e.pool.read(n, 'next', 'flushUpdateAPIKey: n.next before send') : null;
    const idx = e.pool.read(n, 'idx', 'flushUpdateAPIKey: n.idx before send');
    const status = responses.get(idToResponse.get(idxToID.get(idx) ?? '') ?? 0) ?? 0;
    yield* answer(e, n, { err: null, idx, data: { _id: '', status } }, 'flushRead');
    // Upstream: `for n := queue.head; n != nil; n = n.next` reads next after the send.
    n = e.flags.apiKeySaveNext ? saved : e.pool.read(n, 'next', 'flushUpdateAPIKey: n.next after send');
  }
  return null;
}
