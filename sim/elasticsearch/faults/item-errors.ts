import { EsError, versionConflict, type EsErrorObject } from '../errors.ts';
import type { ItemFaultKind } from '../api/context.ts';

/** Max indexing-pressure bytes (10% of a 1 GiB heap), used in rejection messages. */
export const MAX_INDEXING_BYTES = 107374182;

/** Whole-request `es_rejected_execution_exception` (429) ES's indexing pressure raises on the coordinating node. */
export function coordinatingRejection(bodyBytes: number): EsError {
  return new EsError(429, {
    type: 'es_rejected_execution_exception',
    reason:
      'rejected execution of coordinating operation [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, ' +
      `coordinating_operation_bytes=${bodyBytes}, max_coordinating_and_primary_bytes=${MAX_INDEXING_BYTES}]`,
  });
}

/** Search thread-pool rejection (429) as an msearch item reports it. */
export function searchRejection(): EsError {
  return new EsError(429, {
    type: 'es_rejected_execution_exception',
    reason:
      'rejected execution of TimedRunnable{original=ActionRunnable#wrap[searchShard], creationTimeNanos=0, startTimeNanos=0, finishTimeNanos=-1, failedOrRejected=false} ' +
      'on TaskExecutionTimeTrackingEsThreadPoolExecutor[name = node-0/search, queue capacity = 1000, task execution EWMA = 0s, total task execution time = 0s, ' +
      '[Running, pool size = 13, active threads = 13, queued tasks = 1000, completed tasks = 0]]',
  });
}

/** `search_phase_execution_exception` (503, all shards failed) for an msearch item. */
export function searchUnavailable(): EsError {
  return new EsError(503, {
    type: 'search_phase_execution_exception',
    reason: 'all shards failed',
    phase: 'query',
    grouped: true,
    failed_shards: [],
  });
}

/** Details an item fault needs about the targeted document. */
export interface ItemTarget {
  /** Index name. */
  index: string;
  /** Index uuid, `_na_` when the index does not exist. */
  uuid: string;
  /** Document id. */
  id: string;
  /** Current realtime version, if the document exists. */
  currentVersion: number | undefined;
}

/** The error object ES puts in a bulk item for an injected item fault. */
export function bulkItemFaultError(kind: ItemFaultKind, t: ItemTarget): EsError {
  switch (kind) {
    case 'conflict409':
      return versionConflict(
        t.index,
        t.uuid,
        t.id,
        t.currentVersion !== undefined
          ? `document already exists (current version [${t.currentVersion}])`
          : 'required seqNo [0], primary term [1]. but no document was found',
      );
    case 'rejected429':
      return new EsError(429, {
        type: 'es_rejected_execution_exception',
        reason:
          'rejected execution of primary operation [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, ' +
          `primary_operation_bytes=0, max_coordinating_and_primary_bytes=${MAX_INDEXING_BYTES}]`,
      });
    case 'unavailable503': {
      const err: EsErrorObject = {
        type: 'unavailable_shards_exception',
        reason: `[${t.index}][0] primary shard is not active Timeout: [1m], request: [BulkShardRequest [[${t.index}][0]] containing [1] requests]`,
        index_uuid: t.uuid,
        shard: '0',
        index: t.index,
      };
      return new EsError(503, err);
    }
  }
}

/** The error an msearch item reports for an injected fault (conflicts are mapped to 429). */
export function msearchItemFaultError(kind: ItemFaultKind): EsError {
  return kind === 'unavailable503' ? searchUnavailable() : searchRejection();
}
