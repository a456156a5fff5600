/**
 * JSON helpers of the fake: response construction with ES's base headers and error
 * envelope, and tolerant parsing and equality of JSON values.
 */
import type { EsResponse } from './types.ts';
import { EsError, errorEnvelope } from './errors.ts';

/** Headers every response carries; `content-type` is negotiated by the HTTP layer. */
export const BASE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json',
  'x-elastic-product': 'Elasticsearch',
});

/** A JSON response. Key order is the insertion order of `body`, which every handler builds deterministically. */
export function jsonResponse(status: number, body: unknown): EsResponse {
  return { status, headers: { ...BASE_HEADERS }, body: JSON.stringify(body) };
}

/** The ES error envelope response for an {@link EsError}. */
export function errorResponse(err: EsError): EsResponse {
  return jsonResponse(err.status, errorEnvelope(err.status, err.error));
}

/** A JSON value that is a plain object (not array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses JSON text, returning `undefined` instead of throwing. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Deep structural equality of JSON values; object key order is ignored, as ES's noop detection does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}
