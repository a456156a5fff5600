/**
 * Query-parameter and write-option parsing shared by the handlers: integers, CAS
 * (`if_seq_no`/`if_primary_term`), id length, and applying a refresh policy.
 */
import { EsError, illegalArgument, validationFailed } from '../errors.ts';
import type { Cas } from '../store/cas.ts';
import type { IndexStore } from '../store/index-store.ts';
import type { RefreshPolicy } from '../store/refresh-param.ts';

/** Parses an integer query parameter; undefined when absent. */
export function intParam(query: Record<string, string>, name: string): number | undefined | EsError {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) return illegalArgument(`Failed to parse int parameter [${name}] with value [${raw}]`);
  return Number(raw);
}

/** Reads `if_seq_no`/`if_primary_term` from any key/value source, validating as ES does. */
export function parseCas(get: (k: string) => unknown): Cas | EsError {
  const out: Cas = {};
  for (const [key, field] of [['if_seq_no', 'ifSeqNo'], ['if_primary_term', 'ifPrimaryTerm']] as const) {
    const v = get(key);
    if (v === undefined) continue;
    const n = typeof v === 'number' ? v : /^-?\d+$/.test(String(v)) ? Number(v) : NaN;
    if (!Number.isInteger(n)) return illegalArgument(`Failed to parse long parameter [${key}] with value [${String(v)}]`);
    out[field] = n;
  }
  const msgs: string[] = [];
  if (out.ifSeqNo !== undefined && out.ifSeqNo < 0) msgs.push('ifSeqNo must be non negative');
  if (out.ifSeqNo !== undefined && out.ifPrimaryTerm === undefined) msgs.push('ifSeqNo is set, but primary term is [0]');
  if (out.ifPrimaryTerm !== undefined && out.ifSeqNo === undefined) msgs.push('ifSeqNo is unassigned, but primary term is [' + out.ifPrimaryTerm + ']');
  return msgs.length ? validationFailed(msgs) : out;
}

/** Validation message for an id longer than 512 bytes, or undefined. */
export function idTooLong(id: string): string | undefined {
  const n = Buffer.byteLength(id, 'utf8');
  return n > 512 ? `id [${id}] is too long, must be no longer than 512 bytes but was: ${n}` : undefined;
}

/** Applies a write's refresh policy to the touched indices; returns whether `forced_refresh` must be reported. */
export function applyRefresh(policy: RefreshPolicy, indices: Iterable<IndexStore>): boolean {
  if (policy === 'none') return false;
  for (const idx of indices) idx.refresh();
  return policy === 'immediate';
}
