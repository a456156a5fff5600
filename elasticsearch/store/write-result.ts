/**
 * The outcome of a document write and its rendering in ES's key order, with the `_shards`
 * ES reports for a single-node write or a noop.
 */
/** Result of a document write, before rendering. */
export interface WriteOutcome {
  /** HTTP status of this write (201 created, 200 updated/deleted/noop, 404 not_found). */
  status: number;
  /** ES `result` value. */
  result: 'created' | 'updated' | 'deleted' | 'not_found' | 'noop';
  /** Index name. */
  index: string;
  /** Document id. */
  id: string;
  /** `_version` after the write. */
  version: number;
  /** `_seq_no` of the write (or of the current doc for a noop). */
  seqNo: number;
  /** `_primary_term`. */
  primaryTerm: number;
}

/** `_shards` for a write on a 1-primary/1-replica index on a single node, as ES reports it. */
export const WRITE_SHARDS = Object.freeze({ total: 2, successful: 1, failed: 0 });
/** `_shards` for a noop update. */
export const NOOP_SHARDS = Object.freeze({ total: 0, successful: 0, failed: 0 });

/** Renders a write result with ES's key order: `_index,_id,_version,result,forced_refresh?,_shards,_seq_no,_primary_term`. */
export function renderWrite(w: WriteOutcome, forcedRefresh: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { _index: w.index, _id: w.id, _version: w.version, result: w.result };
  if (forcedRefresh) out['forced_refresh'] = true;
  out['_shards'] = { ...(w.result === 'noop' ? NOOP_SHARDS : WRITE_SHARDS) };
  out['_seq_no'] = w.seqNo;
  out['_primary_term'] = w.primaryTerm;
  return out;
}
