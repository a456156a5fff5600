/**
 * Field access for queries and sorts: values at a dotted path, term equality and range
 * ordering of stored values.
 */
import { isObject } from '../json.ts';
import type { StoredDoc } from '../store/doc.ts';

/** A searchable document together with its index name. */
export interface Hit {
  /** Index name. */
  index: string;
  /** The stored document version. */
  doc: StoredDoc;
}

/** Collects leaf values at a dotted path; keys that themselves contain dots are honoured. Arrays are flattened. */
function collect(value: unknown, parts: readonly string[], out: unknown[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, parts, out);
    return;
  }
  if (parts.length === 0) {
    if (value !== null && value !== undefined) out.push(value);
    return;
  }
  if (!isObject(value)) return;
  for (let k = 1; k <= parts.length; k++) {
    const key = parts.slice(0, k).join('.');
    if (Object.hasOwn(value, key)) collect(value[key], parts.slice(k), out);
  }
}

/**
 * Values of a field for queries and sorting: metadata fields `_id`, `_index`, `_seq_no`, else source
 * leaves. A `.keyword` suffix falls back to the base field (dynamic `text` + `keyword` multi-field).
 */
export function fieldValues(hit: Hit, field: string): unknown[] {
  if (field === '_id') return [hit.doc.id];
  if (field === '_index') return [hit.index];
  if (field === '_seq_no') return [hit.doc.seqNo];
  const out: unknown[] = [];
  collect(hit.doc.source, field.split('.'), out);
  if (out.length === 0 && field.endsWith('.keyword')) collect(hit.doc.source, field.slice(0, -8).split('.'), out);
  return out;
}

/** Exact-term equality between a stored value and a query value (numbers and numeric strings compare by value). */
export function termEquals(stored: unknown, query: unknown): boolean {
  if (typeof stored === 'number') {
    const q = typeof query === 'number' ? query : typeof query === 'string' && query.trim() !== '' ? Number(query) : NaN;
    return stored === q;
  }
  if (typeof stored === 'string') return typeof query === 'string' || typeof query === 'number' || typeof query === 'boolean' ? stored === String(query) : false;
  if (typeof stored === 'boolean') return String(stored) === String(query);
  return false;
}

/** Orders a stored value against a range bound: negative, zero, positive, or undefined when incomparable. */
export function compareToBound(stored: unknown, bound: unknown): number | undefined {
  if (typeof stored === 'number') {
    const b = typeof bound === 'number' ? bound : typeof bound === 'string' && bound.trim() !== '' ? Number(bound) : NaN;
    return Number.isNaN(b) ? undefined : stored - b;
  }
  if (typeof stored === 'string') {
    const b = String(bound);
    return stored < b ? -1 : stored > b ? 1 : 0;
  }
  return undefined;
}
