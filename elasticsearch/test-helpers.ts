/**
 * Helpers for the fake's own tests: send a request and get status and parsed body; build
 * NDJSON from objects.
 */
import type { FakeElasticsearch } from './fake.ts';
import type { EsMethod, EsResponse } from './types.ts';

/** Test helper: sends a request and returns status plus parsed body. */
export function call(es: FakeElasticsearch, method: EsMethod, path: string, body: unknown = '', query: Record<string, string> = {}): { status: number; body: any; raw: EsResponse } {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const raw = es.handle({ method, path, query, body: text });
  return { status: raw.status, body: raw.body === '' ? undefined : JSON.parse(raw.body), raw };
}

/** Test helper: NDJSON from objects. */
export function ndjson(...lines: unknown[]): string {
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}
