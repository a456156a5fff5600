/**
 * The workload's engine calls, each recorded in the call ledger with its context, its
 * intent and a digest of its answer, so the oracles can compare what was asked with
 * what the engine sent and what came back.
 */
import type { BulkItem, MgetDoc, MultiOp, OpOptions, Result, SearchResult } from '../engine/index.ts';
import type { Context, Proc } from '../sim/index.ts';
import type { AnswerDigest } from './call-intent.ts';
import type { WriteAttempt } from './ledger.ts';
import type { EngineWorld } from './world.ts';

type Write = Omit<WriteAttempt, 'acked' | 'call' | 'ackSeq' | 'mayHaveLanded'>;

// Digests only record: they must accept any value a broken engine hands back (a stale
// response of another kind after a use after free), never throw into the workload.
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const readDigest = (r: Result<MgetDoc>): AnswerDigest => {
  const d = r.value as Partial<MgetDoc> | undefined;
  return { kind: 'read', id: text(d?._id), found: d?.found === true, source: typeof d?._source === 'string' ? d._source : null };
};
const searchDigest = (r: Result<SearchResult>): AnswerDigest => {
  const hits = (r.value as Partial<SearchResult> | undefined)?.hits?.hits;
  return { kind: 'search', hitIds: Array.isArray(hits) ? hits.map((h) => text((h as { _id?: unknown } | null)?._id)) : [] };
};
const multiDigest = (r: Result<BulkItem[]>): AnswerDigest => ({
  kind: 'multi',
  items: (Array.isArray(r.value) ? r.value : []).map((i) => ({ id: text((i as Partial<BulkItem> | null)?._id), status: typeof (i as Partial<BulkItem> | null)?.status === 'number' ? (i as BulkItem).status : 0 })),
});

/** `ReadRaw(index, id)`. */
export function readRaw(w: EngineWorld, ctx: Context, index: string, id: string): Proc<Result<MgetDoc>> {
  return w.ledger.call('ReadRaw', w.bulker.readRaw(ctx, index, id), null, { ctx, intent: { kind: 'read', index, id, refresh: false }, digest: readDigest });
}

/** `Search(index, body, opts)`. */
export function search(w: EngineWorld, ctx: Context, index: string, body: string, opts: OpOptions = {}): Proc<Result<SearchResult>> {
  const intent = {
    kind: 'search' as const,
    index,
    body,
    ...(opts.waitForCheckpoints !== undefined && { waitForCheckpoints: opts.waitForCheckpoints }),
    ...(opts.ignoreUnavailable !== undefined && { ignoreUnavailable: opts.ignoreUnavailable }),
    ...(opts.dedupeKey !== undefined && { dedupeKey: opts.dedupeKey }),
    ...(opts.refreshIndex !== undefined && { refreshIndex: opts.refreshIndex }),
  };
  return w.ledger.call('Search', w.bulker.search(ctx, index, body, opts), null, { ctx, intent, digest: searchDigest });
}

/** `Update(index, id, body, opts)`. */
export function update(w: EngineWorld, ctx: Context, index: string, id: string, body: string, opts: OpOptions, write: Write): Proc<Result<void>> {
  const intent = { kind: 'write' as const, action: 'update' as const, index, id, body, refresh: opts.refresh === true, ...(opts.retryOnConflict !== undefined && { retryOnConflict: opts.retryOnConflict }) };
  return w.ledger.call('Update', w.bulker.update(ctx, index, id, body, opts), write, { ctx, intent, digest: () => ({ kind: 'write' }) });
}

/** `Create(index, id, body, opts)`. */
export function create(w: EngineWorld, ctx: Context, index: string, id: string, body: string, opts: OpOptions, write: Write): Proc<Result<string>> {
  const intent = { kind: 'write' as const, action: 'create' as const, index, id, body, refresh: opts.refresh === true, ...(opts.retryOnConflict !== undefined && { retryOnConflict: opts.retryOnConflict }) };
  return w.ledger.call('Create', w.bulker.create(ctx, index, id, body, opts), write, { ctx, intent, digest: (r) => ({ kind: 'write', id: text(r.value) }) });
}

/** `APIKeyUpdate(id, roleHash, roles)`. */
export function apiKeyUpdate(w: EngineWorld, ctx: Context, id: string, roleHash: string, roles: string): Proc<Result<void>> {
  return w.ledger.call('APIKeyUpdate', w.bulker.apiKeyUpdate(ctx, id, roleHash, roles), null, { ctx, intent: { kind: 'apikey-update', id, roleHash, roles }, digest: () => ({ kind: 'write' }) });
}

/** `MUpdate(ops)`. */
export function mUpdate(w: EngineWorld, ctx: Context, ops: readonly MultiOp[]): Proc<Result<BulkItem[]>> {
  const intent = { kind: 'multi' as const, action: 'update' as const, ops: ops.map((o) => ({ index: o.index, id: o.id, body: o.body ?? null })) };
  return w.ledger.call('MUpdate', w.bulker.mUpdate(ctx, ops), null, { ctx, intent, digest: multiDigest });
}
