/**
 * The error objects ES reports for item-level faults (version conflicts, indexing-pressure
 * and search thread-pool rejections, unavailable shards), worded as ES 8.x words them.
 */
import { EsError, versionConflict } from '../errors.ts';
import type { ItemFaultKind } from '../api/context.ts';

/** Max indexing-pressure bytes (10% of a 1 GiB heap), used in rejection messages. */
export const MAX_INDEXING_BYTES = 107374182;

/**
 * Bytes already in flight when an operation of `opBytes` is rejected: just enough that adding it
 * passes the limit, since ES rejects only when in-flight plus operation bytes exceed the limit.
 */
export function inFlightBytes(opBytes: number): number {
  return opBytes > MAX_INDEXING_BYTES ? 0 : MAX_INDEXING_BYTES - opBytes + 1;
}

/**
 * Whole-request `es_rejected_execution_exception` (429) ES's indexing pressure raises on the
 * coordinating node (ES 8.x wording; no replica bytes in flight, so `all_bytes` equals the
 * coordinating-and-primary bytes).
 */
export function coordinatingRejection(bodyBytes: number): EsError {
  const inFlight = inFlightBytes(bodyBytes);
  return new EsError(429, {
    type: 'es_rejected_execution_exception',
    reason:
      `rejected execution of coordinating operation [coordinating_and_primary_bytes=${inFlight}, replica_bytes=0, all_bytes=${inFlight}, ` +
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
      // ES appends java.util.concurrent.ThreadPoolExecutor#toString(), which starts with the executor's class@identity-hash.
      'org.elasticsearch.common.util.concurrent.TaskExecutionTimeTrackingEsThreadPoolExecutor@1b2c3d4e' +
      '[Running, pool size = 13, active threads = 13, queued tasks = 1000, completed tasks = 0]]',
  });
}

/**
 * `search_phase_execution_exception` (503, all shards failed) for an msearch item. With no shard
 * failures listed, ES renders `root_cause: []` (see `errorEnvelope`).
 */
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
  /** Bytes of the item's source line (0 for delete and update), for the primary rejection message. */
  opBytes: number;
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
    case 'rejected429': {
      const inFlight = inFlightBytes(t.opBytes);
      return new EsError(429, {
        type: 'es_rejected_execution_exception',
        reason:
          `rejected execution of primary operation [coordinating_and_primary_bytes=${inFlight}, replica_bytes=0, all_bytes=${inFlight}, ` +
          `primary_operation_bytes=${t.opBytes}, max_coordinating_and_primary_bytes=${MAX_INDEXING_BYTES}]`,
      });
    }
    case 'unavailable503':
      // UnavailableShardsException names the shard only in its reason: no index_uuid/shard/index metadata.
      return new EsError(503, {
        type: 'unavailable_shards_exception',
        reason: `[${t.index}][0] primary shard is not active Timeout: [1m], request: [BulkShardRequest [[${t.index}][0]] containing [1] requests]`,
      });
  }
}

/** The error an msearch item reports for an injected fault (conflicts are mapped to 429). */
export function msearchItemFaultError(kind: ItemFaultKind): EsError {
  return kind === 'unavailable503' ? searchUnavailable() : searchRejection();
}
