/**
 * Index, create and delete of one document: versions, sequence numbers, tombstones, and
 * ES's conflict and not-found outcomes.
 */
import { versionConflict, type EsError } from '../errors.ts';
import type { IndexStore } from './index-store.ts';
import { learnFieldTypes } from './mappings.ts';
import { checkCas, type Cas } from './cas.ts';
import type { WriteOutcome } from './write-result.ts';

/** Primary term of every index in the fake (no primary failovers are modelled). */
export const PRIMARY_TERM = 1;

/** Indexes a document (op_type index or create). Create on an existing id is a 409. */
export function indexDoc(
  index: IndexStore,
  id: string,
  source: Record<string, unknown>,
  opType: 'index' | 'create',
  cas: Cas,
): WriteOutcome | EsError {
  const prev = index.live.get(id);
  if (opType === 'create' && prev) {
    return versionConflict(index.name, index.uuid, id, `document already exists (current version [${prev.version}])`);
  }
  const casErr = checkCas(index, id, cas);
  if (casErr) return casErr;
  const version = (index.lastVersion(id) ?? 0) + 1;
  const seqNo = index.takeSeqNo();
  index.put({ id, source, version, seqNo, primaryTerm: PRIMARY_TERM, order: seqNo });
  learnFieldTypes(index, source);
  return {
    status: prev ? 200 : 201,
    result: prev ? 'updated' : 'created',
    index: index.name,
    id,
    version,
    seqNo,
    primaryTerm: PRIMARY_TERM,
  };
}

/** Deletes a document. A missing id still consumes a `_seq_no` and answers 404 `not_found`, as ES does. */
export function deleteDoc(index: IndexStore, id: string, cas: Cas): WriteOutcome | EsError {
  const casErr = checkCas(index, id, cas);
  if (casErr) return casErr;
  const existed = index.live.has(id);
  const version = (index.lastVersion(id) ?? 0) + 1;
  const seqNo = index.takeSeqNo();
  index.remove(id, version);
  return {
    status: existed ? 200 : 404,
    result: existed ? 'deleted' : 'not_found',
    index: index.name,
    id,
    version,
    seqNo,
    primaryTerm: PRIMARY_TERM,
  };
}
