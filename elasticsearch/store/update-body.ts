/**
 * Parsing of an `_update` body (`doc`, `upsert`, `doc_as_upsert`, `detect_noop`, ...) with
 * ES's object-parser errors, including its "did you mean" suggestion.
 */
import { EsError, illegalArgument, validationFailed, xContentParse } from '../errors.ts';
import { isObject } from '../json.ts';

/** A parsed `_update` body. */
export interface UpdateSpec {
  /** Partial document to merge. */
  doc?: Record<string, unknown>;
  /** Document to insert when the target is missing. */
  upsert?: Record<string, unknown>;
  /** Use `doc` as the upsert document. */
  docAsUpsert: boolean;
  /** Report `noop` when the merge changes nothing (default true). */
  detectNoop: boolean;
}

const FIELDS = ['doc', 'upsert', 'doc_as_upsert', 'detect_noop', 'script', 'scripted_upsert', '_source'];

/** Levenshtein distance of two short strings. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The `unknown field [x] did you mean [y]?` error of ES's object parser. */
function unknownField(name: string): EsError {
  const close = FIELDS.filter((f) => 1 - distance(name, f) / Math.max(name.length, f.length) >= 0.5);
  const hint = close.length === 0 ? '' : close.length === 1 ? ` did you mean [${close[0]}]?` : ` did you mean any of [${close.join(', ')}]?`;
  return xContentParse(`[1:2] [UpdateRequest] unknown field [${name}]${hint}`);
}

/**
 * Parses and validates an update body. Scripts are not supported by the fake (400).
 * @param hasCas whether `if_seq_no`/`if_primary_term` were given.
 * @param retryOnConflict the `retry_on_conflict` value.
 */
export function parseUpdateBody(body: unknown, hasCas: boolean, retryOnConflict: number): UpdateSpec | EsError {
  if (!isObject(body)) return xContentParse('[1:1] [UpdateRequest] failed to parse: body must be an object');
  for (const k of Object.keys(body)) if (!FIELDS.includes(k)) return unknownField(k);
  if (body['script'] !== undefined) return illegalArgument('scripted updates are not supported by the fake Elasticsearch');
  const doc = body['doc'];
  const upsert = body['upsert'];
  if (doc !== undefined && !isObject(doc)) return xContentParse('[1:8] [UpdateRequest] failed to parse field [doc]');
  if (upsert !== undefined && !isObject(upsert)) return xContentParse('[1:11] [UpdateRequest] failed to parse field [upsert]');
  const msgs: string[] = [];
  if (doc === undefined) msgs.push('script or doc is missing');
  if (hasCas && (upsert !== undefined || body['doc_as_upsert'] === true))
    msgs.push("upsert requests don't support `if_seq_no` and `if_primary_term`");
  if (hasCas && retryOnConflict > 0) msgs.push('compare and write operations can not be retried');
  if (msgs.length > 0) return validationFailed(msgs);
  return {
    ...(doc !== undefined ? { doc } : {}),
    ...(upsert !== undefined ? { upsert } : {}),
    docAsUpsert: body['doc_as_upsert'] === true || body['doc_as_upsert'] === 'true',
    detectNoop: !(body['detect_noop'] === false || body['detect_noop'] === 'false'),
  };
}
