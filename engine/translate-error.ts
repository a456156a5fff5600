/**
 * Error translation (spec §3.8): `es.TranslateError` (`internal/pkg/es/error.go`) for item
 * and request errors, and `parseError` (`internal/pkg/bulk/helpers.go`) for non-2xx
 * whole-request responses, both decoding with Go's `encoding/json` as upstream does.
 */
import { GoError } from '../sim/index.ts';
import { decodeFirst, jsonUnmarshal } from './decode/go-decode.ts';
import type { GoType } from './decode/go-json.ts';
import { ErrElastic, ErrElasticVersionConflict } from './errors.ts';
import type { MapPick } from './go-map.ts';

/** `knownErrorTypes`, checked in this (array) order. */
const KNOWN_TYPES = ['timeout_exception', 'index_not_found_exception', 'version_conflict_engine_exception'] as const;

/** `errorTranslationMap`: a Go map, so the order it is searched in is a decision (see {@link errType}). */
const TRANSLATIONS: ReadonlyArray<readonly [string, string]> = [
  ['index not found', 'index_not_found_exception'],
  ['IndexNotFoundException', 'index_not_found_exception'],
  ['timeout', 'timeout_exception'],
  ['ElasticsearchTimeoutException', 'timeout_exception'],
  ['ProcessClusterEventTimeoutException', 'timeout_exception'],
  ['ReceiveTimeoutTransportException', 'timeout_exception'],
  ['elastic version conflict', 'version_conflict_engine_exception'],
  ['VersionConflictEngineException', 'version_conflict_engine_exception'],
];

/** `es.ErrorT` as `TranslateError` decodes it (`json.Unmarshal(rawError, &detailedError)`, a `**ErrorT`). */
const ERROR_T: GoType = {
  kind: 'pointer',
  elem: {
    kind: 'struct',
    name: 'ErrorT',
    printed: 'es.ErrorT',
    fields: {
      type: { kind: 'string' },
      reason: { kind: 'string' },
      caused_by: { kind: 'struct', name: '', printed: 'struct { Type string "json:\\"type\\""; Reason string "json:\\"reason\\"" }', fields: { type: { kind: 'string' }, reason: { kind: 'string' } } },
    },
  },
};

/** `parseError`'s envelope: `struct { Err json.RawMessage "json:\"error\"" }`. */
const ENVELOPE: GoType = { kind: 'struct', name: '', printed: 'struct { Err json.RawMessage "json:\\"error\\"" }', fields: { error: { kind: 'raw' } } };

interface ErrorT {
  readonly type: string;
  readonly reason: string;
  readonly caused_by: { readonly type: string; readonly reason: string };
}

/**
 * `errType(body)`: a known type named in the text, else the first key of
 * `errorTranslationMap` the text contains. Go ranges over that map in an unspecified
 * order, so when keys of different types match, which is met first is `pick`'s decision
 * (without `pick`, the table order above).
 */
function errType(body: string, pick?: MapPick): string {
  for (const t of KNOWN_TYPES) if (body.includes(t)) return t;
  const hits = TRANSLATIONS.filter(([k]) => body.includes(k));
  if (hits.length === 0) return 'unknown_error';
  const types = new Set(hits.map(([, t]) => t));
  if (types.size === 1 || pick === undefined) return (hits[0] as readonly [string, string])[1];
  return (hits[pick(hits.length)] as readonly [string, string])[1];
}

/**
 * `TranslateError(status, rawError)`. `rawError` is the `error` member as raw JSON text
 * (undefined or '' when absent). 200 and 201 are the only successes. The raw error is
 * decoded into `*ErrorT` with Go's rules; when that fails (not an object, or a member of
 * the wrong type) the raw text itself is searched for an error type.
 */
export function translateError(status: number, rawError: string | undefined, pick?: MapPick): GoError | null {
  if (status === 200 || status === 201) return null;
  if (rawError === undefined || rawError === '') return new ErrElastic(status);
  const d = jsonUnmarshal(rawError, ERROR_T);
  if (d.err === null) {
    const e = d.value as ErrorT | null;
    if (e === null) return new ErrElastic(status);
    if (e.type === 'version_conflict_engine_exception') return ErrElasticVersionConflict;
    return new ErrElastic(status, e.type, e.reason, { type: e.caused_by.type, reason: e.caused_by.reason });
  }
  const t = errType(rawError, pick);
  if (t === 'version_conflict_engine_exception') return ErrElasticVersionConflict;
  return new ErrElastic(status, t, rawError);
}

/**
 * `parseError(res)`: a `json.Decoder` reads the first JSON value of a non-2xx body into
 * `{"error": raw}` (trailing data is ignored) and the raw error is translated. When that
 * decode fails (an HTML page, an empty body, a value that is not an object) the decoder's
 * own error is returned, with Go's text.
 */
export function parseError(status: number, body: string, pick?: MapPick): GoError {
  const d = decodeFirst(body, ENVELOPE);
  if (d.err !== null) return d.err;
  return translateError(status, (d.value as { error?: string }).error, pick) ?? new ErrElastic(status);
}
