/**
 * The fake Elasticsearch itself: routes a request to its handler against an in-memory
 * cluster and answers synchronously; also the read-outs the simulation needs (checkpoint
 * waits, a document's final state for durability checks).
 */
import type { HandlerHooks } from './api/context.ts';
import { msearchHeaders } from './api/msearch-parse.ts';
import { splitIndices } from './api/resolve.ts';
import { EsError } from './errors.ts';
import { errorResponse } from './json.ts';
import { route } from './router.ts';
import { Cluster } from './store/cluster.ts';
import type { EsRequest, EsResponse } from './types.ts';

/** Options of {@link FakeElasticsearch}. */
export interface FakeElasticsearchOptions {
  /** Writes to a missing index create it (ES default `action.auto_create_index: true`). Default true. */
  autoCreateIndex?: boolean;
}

/**
 * A deterministic, synchronous, in-memory Elasticsearch: one primary shard per index, primary
 * term 1, realtime get, search visibility only after refresh. Same requests → same bytes.
 */
export class FakeElasticsearch {
  readonly #cluster: Cluster;

  /** @param opts see {@link FakeElasticsearchOptions}. */
  constructor(opts: FakeElasticsearchOptions = {}) {
    this.#cluster = new Cluster(opts.autoCreateIndex ?? true);
  }

  /** Answers one request against the store (synchronous). */
  handle(req: EsRequest): EsResponse {
    return this.handleWithHooks(req, {});
  }

  /**
   * Like {@link handle}, with item-fault hooks; used by the fault layer (`faults/apply.ts`).
   * Not part of the engine-facing contract.
   */
  handleWithHooks(req: EsRequest, hooks: HandlerHooks): EsResponse {
    const found = route(req.method, req.path);
    if ('status' in found) return found;
    try {
      const res = found.handler({ cluster: this.#cluster, req, params: found.params, hooks });
      return req.method === 'HEAD' ? { ...res, body: '' } : res;
    } catch (e) {
      if (e instanceof EsError) return errorResponse(e);
      throw e;
    }
  }

  /**
   * True while some msearch header's `wait_for_checkpoints` is above its index's global checkpoint.
   * The fake has one shard per index, so the first checkpoint counts. Missing indices never wait
   * (the search itself then answers `index_not_found_exception`).
   */
  mustWaitForCheckpoints(req: EsRequest): boolean {
    const segs = req.path.split('/').filter(Boolean);
    const pathIndex = segs.length >= 2 && !segs[0]!.startsWith('_') ? decodeURIComponent(segs[0]!) : undefined;
    for (const h of msearchHeaders(req.body)) {
      const cps = h['wait_for_checkpoints'];
      if (!Array.isArray(cps) || cps.length === 0) continue;
      const wanted = Number(cps[0]);
      for (const name of splitIndices(h['index'] ?? pathIndex)) {
        const idx = this.#cluster.indices.get(name);
        if (idx && idx.maxSeqNo < wanted) return true;
      }
    }
    return false;
  }

  /** Monotonic counter bumped on every state change (writes, refreshes, index create/delete). */
  get writeVersion(): number {
    return this.#cluster.writeVersion;
  }

  /** Global checkpoint of an index: its max `_seq_no`, -1 when empty or missing. */
  globalCheckpoint(index: string): number {
    return this.#cluster.indices.get(index)?.maxSeqNo ?? -1;
  }

  /** Realtime snapshot of a document, for end-of-run durability checks. */
  getDocument(index: string, id: string): { source: unknown; version: number; seqNo: number } | undefined {
    const doc = this.#cluster.indices.get(index)?.live.get(id);
    return doc && { source: structuredClone(doc.source), version: doc.version, seqNo: doc.seqNo };
  }

  /** Names of existing indices, sorted. */
  indexNames(): string[] {
    return [...this.#cluster.indices.keys()].sort();
  }
}
