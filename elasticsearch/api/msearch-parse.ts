/**
 * Parsing of an `_msearch` NDJSON body into header and search-body pairs, with ES's errors
 * for a malformed one; also the header-only read used to decide checkpoint waits.
 */
import { EsError, illegalArgument, parsingError } from '../errors.ts';
import { isObject, tryParseJson } from '../json.ts';
import { parseSearchRequest, type SearchSpec } from '../search/request.ts';

/** One msearch entry: header and parsed body. */
export interface MsearchEntry {
  /** Header line object (`{}` when empty). */
  header: Record<string, unknown>;
  /** Parsed search body. */
  spec: SearchSpec;
}

const HEADER_KEYS = new Set([
  'index', 'indices', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'wait_for_checkpoints', 'preference',
  'routing', 'search_type', 'request_cache', 'allow_partial_search_results', 'ccs_minimize_roundtrips', 'wait_for_checkpoints_timeout',
]);

/** Parses the header lines only (used to decide checkpoint waits without executing). */
export function msearchHeaders(body: string): Record<string, unknown>[] {
  const lines = body.split('\n');
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const p = lines[i]!.trim() === '' ? { ok: true as const, value: {} } : tryParseJson(lines[i]!);
    if (p.ok && isObject(p.value)) out.push(p.value);
  }
  return out;
}

/** Parses an msearch NDJSON body; any header or body problem fails the whole request, as ES does. */
export function parseMsearch(body: string, q: Record<string, string>): MsearchEntry[] | EsError {
  const lines = body.split('\n');
  const tail = lines.pop() ?? '';
  if (tail.trim() !== '') return illegalArgument('The msearch request must be terminated by a newline [\n]');
  const entries: MsearchEntry[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const hp = lines[i]!.trim() === '' ? { ok: true as const, value: {} } : tryParseJson(lines[i]!);
    if (!hp.ok || !isObject(hp.value)) return parsingError(`Failed to parse msearch header line [${i + 1}]`);
    for (const k of Object.keys(hp.value)) if (!HEADER_KEYS.has(k)) return illegalArgument(`key [${k}] is not supported in the metadata section`);
    const bp = tryParseJson(lines[i + 1]!);
    if (!bp.ok) return parsingError(`Failed to parse msearch body line [${i + 2}]`);
    const spec = parseSearchRequest(bp.value, { rest_total_hits_as_int: q['rest_total_hits_as_int'] });
    if (spec instanceof EsError) return spec;
    entries.push({ header: hp.value, spec });
  }
  if (entries.length === 0) return illegalArgument('msearch request must contain at least one search request');
  return entries;
}
