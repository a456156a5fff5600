/**
 * Error translation (spec §3.8): `es.TranslateError` for item and request errors, and
 * `parseError` for non-2xx whole-request responses.
 */
import { GoError } from '../sim/index.ts';
import { ErrElastic, ErrElasticVersionConflict } from './errors.ts';

const KNOWN_TYPES = ['timeout_exception', 'index_not_found_exception', 'version_conflict_engine_exception', 'shard_restoring_exception'] as const;

/**
 * `errorTranslationMap`. Upstream iterates a Go map (random order); the keys do not
 * overlap in practice, so the model checks them in this fixed order.
 */
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

function errType(body: string): string {
  for (const t of KNOWN_TYPES) if (body.includes(t)) return t;
  for (const [k, t] of TRANSLATIONS) if (body.includes(k)) return t;
  return 'unknown_error';
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * `TranslateError(status, rawError)`. `rawError` is the item's `error` as raw JSON text
 * (undefined or '' when absent). 200 and 201 are the only successes.
 */
export function translateError(status: number, rawError: string | undefined): GoError | null {
  if (status === 200 || status === 201) return null;
  if (rawError === undefined || rawError === '') return new ErrElastic(status);
  let decoded: unknown;
  let ok = true;
  try {
    decoded = JSON.parse(rawError);
  } catch {
    ok = false;
  }
  if (ok && decoded === null) return new ErrElastic(status);
  if (ok && typeof decoded === 'object' && !Array.isArray(decoded)) {
    const o = decoded as Record<string, unknown>;
    const type = str(o['type']);
    if (type === 'version_conflict_engine_exception') return ErrElasticVersionConflict;
    const c = (typeof o['caused_by'] === 'object' && o['caused_by'] !== null ? o['caused_by'] : {}) as Record<string, unknown>;
    return new ErrElastic(status, type, str(o['reason']), { type: str(c['type']), reason: str(c['reason']) });
  }
  const t = errType(rawError);
  if (t === 'version_conflict_engine_exception') return ErrElasticVersionConflict;
  return new ErrElastic(status, t, rawError);
}

/**
 * `parseError(res)`: decodes `{"error": ...}` from a non-2xx body and translates it; a body
 * that is not JSON returns the decode error itself.
 */
export function parseError(status: number, body: string): GoError {
  let decoded: unknown;
  try {
    decoded = JSON.parse(body);
  } catch (e) {
    return new GoError(`json decode: ${e instanceof Error ? e.message : String(e)}`);
  }
  const raw = typeof decoded === 'object' && decoded !== null && 'error' in decoded ? JSON.stringify((decoded as { error: unknown }).error) : undefined;
  return translateError(status, raw) ?? new ErrElastic(status);
}
