/**
 * Validation of a search request (body and URL parameters) into a search spec, with ES's
 * errors for unsupported or malformed parts.
 */
import { EsError, illegalArgument, parsingError } from '../errors.ts';
import { isObject } from '../json.ts';
import { compileQuery, type Predicate } from '../query/compile.ts';
import { parseSort, type SortSpec } from './sort.ts';

/** A validated search request. */
export interface SearchSpec {
  /** Compiled query. */
  query: Predicate;
  /** Offset of the first hit. */
  from: number;
  /** Page size. */
  size: number;
  /** Sort keys; empty means score order (all scores are 1, so index then doc order). */
  sort: SortSpec[];
  /** Include `_source` in hits. */
  source: boolean;
  /** `true` (exact), `false` (no total), or a threshold. */
  trackTotalHits: boolean | number;
  /** Add `_seq_no` and `_primary_term` to hits. */
  seqNoPrimaryTerm: boolean;
  /** Add `_version` to hits. */
  version: boolean;
  /** `search_after` values. */
  searchAfter?: unknown[];
  /** Render `hits.total` as a number. */
  restTotalHitsAsInt: boolean;
}

const BODY_KEYS = ['query', 'from', 'size', 'sort', '_source', 'track_total_hits', 'seq_no_primary_term', 'version', 'search_after', 'timeout', 'track_scores', 'terminate_after'];

function valueToken(v: unknown): string {
  if (Array.isArray(v)) return 'START_ARRAY';
  if (isObject(v)) return 'START_OBJECT';
  return typeof v === 'string' ? 'VALUE_STRING' : typeof v === 'number' ? 'VALUE_NUMBER' : 'VALUE_BOOLEAN';
}

/** Parses a boolean-or-number value such as `track_total_hits`. */
function boolOrInt(v: unknown): boolean | number | undefined {
  if (v === undefined) return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

/** Builds a {@link SearchSpec} from a search body plus URL parameters (URL wins, as in ES). */
export function parseSearchRequest(body: unknown, q: Record<string, string | undefined>): SearchSpec | EsError {
  const b = body === undefined ? {} : body;
  if (!isObject(b)) return parsingError('Expected [START_OBJECT] but found [' + valueToken(b) + ']');
  for (const [k, v] of Object.entries(b)) {
    if (k === 'aggs' || k === 'aggregations') return illegalArgument('aggregations are not supported by the fake Elasticsearch');
    if (!BODY_KEYS.includes(k)) return parsingError(`Unknown key for a ${valueToken(v)} in [${k}].`);
  }
  const query = compileQuery(b['query']);
  if (query instanceof EsError) return query;
  const sort = parseSort(q['sort'] !== undefined ? q['sort'].split(',').map((s) => { const [f, o] = s.split(':'); return o ? { [f!]: o } : f!; }) : b['sort']);
  if (sort instanceof EsError) return sort;
  const size = Number(q['size'] ?? b['size'] ?? 10);
  const from = Number(q['from'] ?? b['from'] ?? 0);
  if (!Number.isInteger(size) || size < 0) return illegalArgument(`[size] parameter cannot be negative, found [${size}]`);
  if (!Number.isInteger(from) || from < 0) return illegalArgument(`[from] parameter cannot be negative, found [${from}]`);
  if (from + size > 10000) {
    return illegalArgument(`Result window is too large, from + size must be less than or equal to: [10000] but was [${from + size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`);
  }
  let track = boolOrInt(q['track_total_hits'] ?? b['track_total_hits']) ?? 10000;
  if (typeof track === 'number') {
    if (track < -1) return illegalArgument(`[track_total_hits] parameter must be positive or equals to -1, got ${track}`);
    if (track === -1) track = true;
  }
  const restInt = q['rest_total_hits_as_int'] === 'true' || q['rest_total_hits_as_int'] === '';
  if (restInt && typeof track === 'number' && track !== 10000) {
    return illegalArgument(`[rest_total_hits_as_int] cannot be used if the tracking of total hits is not accurate, got ${track}`);
  }
  if (restInt && track === 10000) track = true;
  const src = q['_source'] ?? b['_source'];
  const flag = (name: string) => { const v = q[name] ?? b[name]; return v === true || v === 'true' || v === ''; };
  const after = b['search_after'];
  return {
    query, from, size, sort,
    source: !(src === false || src === 'false'),
    trackTotalHits: track,
    seqNoPrimaryTerm: flag('seq_no_primary_term'),
    version: flag('version'),
    ...(Array.isArray(after) ? { searchAfter: after } : {}),
    restTotalHitsAsInt: restInt,
  };
}
