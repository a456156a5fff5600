/**
 * What upstream sends for a call, derived from the call's intent alone (spec §3.3–3.5,
 * `opBulk.go`, `opRead.go`, `opSearch.go`, `opMulti.go`): the request item a block
 * carries, and the endpoint and query of the queue it belongs to. Written apart from the
 * engine's own encoders, so an engine that drops or changes an option differs from it.
 */
import type { CallIntent, MultiIntent } from '../../../scenario/call-intent.ts';

/** The endpoint a call's block is flushed to. */
export interface Endpoint {
  readonly path: string;
  /** The query string as upstream sets it (`refresh=true` on the refresh queues). */
  readonly query: Readonly<Record<string, string>>;
}

function isValidJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** Whether the intent fails the engine's validation (a quote in index or id, a body that is not JSON). */
export function isInvalid(i: CallIntent): boolean {
  switch (i.kind) {
    case 'write':
      return i.index.includes('"') || i.id.includes('"') || (i.body !== null && i.body !== '' && i.action !== 'delete' && !isValidJson(i.body));
    case 'multi':
      return i.ops.some((o) => o.index.includes('"') || o.id.includes('"') || (o.body !== null && o.body !== '' && i.action !== 'delete' && !isValidJson(o.body)));
    case 'read':
      return i.index.includes('"') || i.id.includes('"');
    case 'search':
      return i.body === null || !isValidJson(i.body);
    case 'apikey-update':
      return i.id.includes('"') || (i.roles !== '' && !isValidJson(i.roles));
  }
}

/** One bulk operation: the meta line, then the body line (none for delete; `{}` for an empty body). */
export function bulkItem(action: string, index: string, id: string, body: string | null, retryOnConflict?: number): string {
  const meta: string[] = [];
  if (id !== '') meta.push(`"_id":"${id}"`);
  if (retryOnConflict !== undefined) meta.push(`"retry_on_conflict":${retryOnConflict}`);
  meta.push(`"_index":"${index}"`);
  const head = `{"${action}":{${meta.join(',')}}}\n`;
  if (action === 'delete') return head;
  return `${head}${body === null || body === '' ? '{}' : body}\n`;
}

/** The request item of operation `op` of a multi call (options are ignored upstream). */
export function multiItem(i: MultiIntent, op: number): string {
  const o = i.ops[op];
  return o === undefined ? '' : bulkItem(i.action, o.index, o.id, o.body);
}

/** The msearch header and query lines of a search. */
export function searchItem(index: string, body: string, ignoreUnavailable?: boolean, checkpoints?: readonly number[]): string {
  const parts: string[] = [];
  if (index !== '') parts.push(`"index": "${index}"`);
  if (ignoreUnavailable === true) parts.push(`"ignore_unavailable": true`);
  let head = `{${parts.join(',')}`;
  if (checkpoints !== undefined && checkpoints.length > 0) head += `${parts.length > 0 ? ',' : ''} "wait_for_checkpoints": [${checkpoints.join(',')}]`;
  return `${head}}\n${body}\n`;
}

/** The request item a call's block carries (`opIndex` for multi calls), or null when the call has none (an API-key update). */
export function expectedItem(i: CallIntent, opIndex: number): string | null {
  switch (i.kind) {
    case 'write':
      return bulkItem(i.action, i.index, i.id, i.body, i.retryOnConflict);
    case 'multi':
      return multiItem(i, opIndex);
    case 'read':
      return `{"_index":"${i.index}","_id":"${i.id}"}`;
    case 'search':
      return searchItem(i.index, i.body ?? '', i.ignoreUnavailable, i.waitForCheckpoints);
    case 'apikey-update':
      return null;
  }
}

/** The endpoint of the queue a call's block goes to (C: `enrollQueue` routes searches with a dedupe key apart). */
export function expectedEndpoint(i: CallIntent, enrollQueue: boolean): Endpoint {
  const refresh = (r: boolean): Record<string, string> => (r ? { refresh: 'true' } : {});
  switch (i.kind) {
    case 'write':
      return { path: '/_bulk', query: refresh(i.refresh) };
    case 'multi':
      return { path: '/_bulk', query: {} };
    case 'read':
      return { path: '/_mget', query: refresh(i.refresh) };
    case 'search':
      if (enrollQueue && i.dedupeKey !== undefined && i.dedupeKey !== '') return { path: '/_msearch', query: {} };
      return { path: (i.waitForCheckpoints?.length ?? 0) > 0 ? '/_fleet/_fleet_msearch' : '/_msearch', query: {} };
    case 'apikey-update':
      return { path: '/_security/api_key/_bulk_update', query: {} };
  }
}

/** Splits a request body into its items, the inverse of how the flushes build them. */
export function splitItems(path: string, body: string): string[] | null {
  if (path === '/_mget') {
    try {
      const docs = (JSON.parse(body) as { docs?: unknown[] }).docs;
      return Array.isArray(docs) ? docs.map((d) => JSON.stringify(d)) : null;
    } catch {
      return null;
    }
  }
  if (path === '/_bulk' || path.endsWith('_msearch')) {
    const lines = body.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const items: string[] = [];
    for (let k = 0; k < lines.length; ) {
      const line = lines[k] as string;
      const isDelete = path === '/_bulk' && line.startsWith('{"delete"');
      const n = isDelete ? 1 : 2;
      items.push(`${lines.slice(k, k + n).join('\n')}\n`);
      k += n;
    }
    return items;
  }
  return null;
}
