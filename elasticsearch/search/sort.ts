/**
 * Search sorting: parsing `sort` in its several shapes and ordering hits, missing values
 * included, as ES does for a single shard.
 */
import { EsError, parsingError } from '../errors.ts';
import { isObject } from '../json.ts';
import { fieldValues, type Hit } from '../query/fields.ts';
import type { IndexStore } from '../store/index-store.ts';

/** One sort key. */
export interface SortSpec {
  /** Field name, `_score` or `_doc`. */
  field: string;
  /** Direction. */
  order: 'asc' | 'desc';
}

/** Parses `sort` in any of ES's shapes: `"f"`, `{"f":"desc"}`, `{"f":{"order":"desc"}}`, or an array of those. */
export function parseSort(raw: unknown): SortSpec[] | EsError {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const out: SortSpec[] = [];
  for (const entry of list) {
    if (typeof entry === 'string') {
      out.push({ field: entry, order: entry === '_score' ? 'desc' : 'asc' });
      continue;
    }
    if (!isObject(entry) || Object.keys(entry).length !== 1) return parsingError('malformed sort format, within the sort array');
    const [field, v] = Object.entries(entry)[0]!;
    const order = typeof v === 'string' ? v : isObject(v) ? (v['order'] ?? (field === '_score' ? 'desc' : 'asc')) : undefined;
    if (order !== 'asc' && order !== 'desc') return new EsError(400, { type: 'illegal_argument_exception', reason: `Unknown SortOrder [${String(order)}]` });
    out.push({ field, order });
  }
  return out;
}

/** Sentinel for a missing non-numeric sort value: always sorts last; rendered as `null`. */
const MISSING = Symbol('missing');

/** Sort value of missing docs for numeric field types (`_last`): Java's MAX/MIN of the field's sort type. */
function numericMissing(type: string | undefined, order: 'asc' | 'desc'): number | typeof MISSING {
  const asc = order === 'asc';
  if (type === 'long' || type === 'unsigned_long') return asc ? 9223372036854775807 : -9223372036854775808;
  if (type === 'integer' || type === 'short' || type === 'byte') return asc ? 2147483647 : -2147483648;
  return MISSING;
}

/** A sort key component. */
export type SortKey = number | string | typeof MISSING;

/** Computes the sort keys of a hit (min value for asc, max for desc, like ES's default sort mode). */
export function sortKeys(hit: Hit, index: IndexStore, specs: readonly SortSpec[]): SortKey[] {
  return specs.map((s) => {
    if (s.field === '_score') return 1;
    if (s.field === '_doc') return hit.doc.order;
    const vals = fieldValues(hit, s.field).filter((v): v is number | string => typeof v === 'number' || typeof v === 'string');
    if (vals.length === 0) return numericMissing(index.fieldTypes.get(s.field), s.order);
    return vals.reduce((a, b) => ((s.order === 'asc' ? b < a : b > a) ? b : a));
  });
}

/** Compares key tuples under the specs; missing non-numeric values sort last in both directions. */
export function compareKeys(a: readonly unknown[], b: readonly unknown[], specs: readonly SortSpec[]): number {
  for (let i = 0; i < specs.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    if (x === MISSING) return 1;
    if (y === MISSING) return -1;
    const c = (x as number | string) < (y as number | string) ? -1 : (x as number | string) > (y as number | string) ? 1 : 0;
    if (c !== 0) return specs[i]!.order === 'asc' ? c : -c;
  }
  return 0;
}

/** Renders keys for the `sort` array of a hit. */
export function renderKeys(keys: readonly SortKey[]): unknown[] {
  return keys.map((k) => (k === MISSING ? null : k));
}
