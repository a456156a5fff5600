/**
 * Applying an update to a document: upsert, CAS, deep merge of the partial doc, and noop
 * detection.
 */
import { documentMissing, EsError } from '../errors.ts';
import { isObject, jsonEqual } from '../json.ts';
import { checkCas, type Cas } from './cas.ts';
import type { IndexStore } from './index-store.ts';
import type { UpdateSpec } from './update-body.ts';
import { indexDoc } from './write-ops.ts';
import type { WriteOutcome } from './write-result.ts';

/** Deep-merges `changes` into a copy of `base`: objects merge recursively, anything else replaces (ES `XContentHelper.update`). */
export function deepMerge(base: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    const old = out[k];
    out[k] = isObject(old) && isObject(v) ? deepMerge(old, v) : v;
  }
  return out;
}

/** Applies a parsed update to one document: upsert, CAS, merge, noop detection. */
export function updateDoc(index: IndexStore, id: string, spec: UpdateSpec, cas: Cas): WriteOutcome | EsError {
  const prev = index.live.get(id);
  if (!prev) {
    const upsertDoc = spec.upsert ?? (spec.docAsUpsert ? spec.doc : undefined);
    if (upsertDoc === undefined) return documentMissing(index.name, index.uuid, id);
    return indexDoc(index, id, upsertDoc, 'create', {});
  }
  const casErr = checkCas(index, id, cas);
  if (casErr) return casErr;
  const merged = deepMerge(prev.source, spec.doc ?? {});
  if (spec.detectNoop && jsonEqual(merged, prev.source)) {
    return { status: 200, result: 'noop', index: index.name, id, version: prev.version, seqNo: prev.seqNo, primaryTerm: prev.primaryTerm };
  }
  return indexDoc(index, id, merged, 'index', {});
}
