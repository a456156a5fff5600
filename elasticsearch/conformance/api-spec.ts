/**
 * How each REST API the YAML tests call maps to an HTTP request (path parts, method, body
 * encoding), the way the official clients build it.
 */
import type { EsMethod, EsRequest } from '../types.ts';

/** How one REST API maps to an HTTP request, the way the official clients build it. */
interface ApiSpec {
  /** Path parts the API takes, required ones first. */
  parts: string[];
  /** Required path parts (missing ones are a client-side `param` error). */
  required: string[];
  /** Builds the path from encoded parts. */
  path: (p: Record<string, string>) => string;
  /** Method given whether a body is present. */
  method: (hasBody: boolean) => EsMethod;
  /** Body encoding. */
  body: 'json' | 'ndjson' | 'none';
  /** HEAD API whose response is a boolean. */
  boolean?: boolean;
}

const withIndex = (suffix: string) => (p: Record<string, string>) => (p['index'] ? `/${p['index']}${suffix}` : suffix || '/');
const getOrPost = (b: boolean): EsMethod => (b ? 'POST' : 'GET');

/** The APIs the runner can call. */
export const API_SPECS: Record<string, ApiSpec> = {
  bulk: { parts: ['index'], required: [], path: withIndex('/_bulk'), method: () => 'POST', body: 'ndjson' },
  index: { parts: ['index', 'id'], required: ['index'], path: (p) => (p['id'] ? `/${p['index']}/_doc/${p['id']}` : `/${p['index']}/_doc`), method: () => 'PUT', body: 'json' },
  create: { parts: ['index', 'id'], required: ['index', 'id'], path: (p) => `/${p['index']}/_create/${p['id']}`, method: () => 'PUT', body: 'json' },
  get: { parts: ['index', 'id'], required: ['index', 'id'], path: (p) => `/${p['index']}/_doc/${p['id']}`, method: () => 'GET', body: 'none' },
  exists: { parts: ['index', 'id'], required: ['index', 'id'], path: (p) => `/${p['index']}/_doc/${p['id']}`, method: () => 'HEAD', body: 'none', boolean: true },
  get_source: { parts: ['index', 'id'], required: ['index', 'id'], path: (p) => `/${p['index']}/_source/${p['id']}`, method: () => 'GET', body: 'none' },
  mget: { parts: ['index'], required: [], path: withIndex('/_mget'), method: getOrPost, body: 'json' },
  update: { parts: ['index', 'id'], required: ['index', 'id'], path: (p) => `/${p['index']}/_update/${p['id']}`, method: () => 'POST', body: 'json' },
  delete: { parts: ['index', 'id'], required: ['index', 'id'], path: (p) => `/${p['index']}/_doc/${p['id']}`, method: () => 'DELETE', body: 'none' },
  search: { parts: ['index'], required: [], path: withIndex('/_search'), method: getOrPost, body: 'json' },
  msearch: { parts: ['index'], required: [], path: withIndex('/_msearch'), method: () => 'POST', body: 'ndjson' },
  count: { parts: ['index'], required: [], path: withIndex('/_count'), method: getOrPost, body: 'json' },
  'indices.create': { parts: ['index'], required: ['index'], path: (p) => `/${p['index']}`, method: () => 'PUT', body: 'json' },
  'indices.delete': { parts: ['index'], required: ['index'], path: (p) => `/${p['index']}`, method: () => 'DELETE', body: 'none' },
  'indices.exists': { parts: ['index'], required: ['index'], path: (p) => `/${p['index']}`, method: () => 'HEAD', body: 'none', boolean: true },
  'indices.refresh': { parts: ['index'], required: [], path: withIndex('/_refresh'), method: () => 'POST', body: 'none' },
  'cluster.health': { parts: ['index'], required: [], path: (p) => (p['index'] ? `/_cluster/health/${p['index']}` : '/_cluster/health'), method: () => 'GET', body: 'none' },
};

/** Renders a YAML scalar or list as a URL value (lists are comma-joined). */
function urlValue(v: unknown): string {
  return Array.isArray(v) ? v.map(urlValue).join(',') : String(v);
}

/** A built request, or a client-side parameter error (`catch: param`). */
export type BuiltRequest = { req: EsRequest; boolean: boolean; ignore: number[] } | { paramError: string };

/** Builds the HTTP request for a `do` API call with its (already stash-substituted) arguments. */
export function buildRequest(api: string, args: Record<string, unknown>): BuiltRequest {
  const spec = API_SPECS[api];
  if (!spec) return { paramError: `unsupported api [${api}]` };
  const parts: Record<string, string> = {};
  const query: Record<string, string> = {};
  let ignore: number[] = [];
  for (const [k, v] of Object.entries(args)) {
    if (k === 'body') continue;
    if (k === 'ignore') ignore = (Array.isArray(v) ? v : [v]).map(Number);
    else if (spec.parts.includes(k)) parts[k] = encodeURIComponent(urlValue(v));
    else query[k] = urlValue(v);
  }
  for (const r of spec.required) if (parts[r] === undefined) return { paramError: `missing required parameter [${r}]` };
  const raw = args['body'];
  let body = '';
  if (raw !== undefined && spec.body !== 'none') {
    if (typeof raw === 'string') body = raw;
    else if (spec.body === 'ndjson' && Array.isArray(raw)) body = raw.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
    else body = JSON.stringify(raw);
  }
  return { req: { method: spec.method(body !== ''), path: spec.path(parts), query, body }, boolean: spec.boolean === true, ignore };
}
