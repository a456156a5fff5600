/**
 * Optimistic concurrency control: `if_seq_no`/`if_primary_term` checked against the
 * realtime document, with ES's 409 on a mismatch.
 */
import { versionConflict, type EsError } from '../errors.ts';
import type { IndexStore } from './index-store.ts';

/** Optimistic concurrency control parameters (`if_seq_no` / `if_primary_term`). */
export interface Cas {
  /** Required current `_seq_no`. */
  ifSeqNo?: number;
  /** Required current `_primary_term`. */
  ifPrimaryTerm?: number;
}

/** Checks CAS against the current realtime document; returns the 409 error ES gives on mismatch. */
export function checkCas(index: IndexStore, id: string, cas: Cas): EsError | undefined {
  if (cas.ifSeqNo === undefined && cas.ifPrimaryTerm === undefined) return undefined;
  const cur = index.live.get(id);
  const required = `required seqNo [${cas.ifSeqNo ?? -2}], primary term [${cas.ifPrimaryTerm ?? 0}]`;
  if (!cur) return versionConflict(index.name, index.uuid, id, `${required}. but no document was found`);
  if (cur.seqNo !== cas.ifSeqNo || cur.primaryTerm !== cas.ifPrimaryTerm) {
    return versionConflict(
      index.name,
      index.uuid,
      id,
      `${required}. current document has seqNo [${cur.seqNo}] and primary term [${cur.primaryTerm}]`,
    );
  }
  return undefined;
}
