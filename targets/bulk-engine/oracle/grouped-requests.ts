/**
 * The request oracle for the two flushes whose requests are not one item per block:
 * C's enrollment flush (one refresh of the canonical blocks' refresh indices, then one
 * msearch item per dedupe key, the oldest block of each key first) and the API-key flush
 * (batches of key ids per role hash, each id once). Violations name the flush and the call.
 */
import type { Violation } from '../../../properties/violation.ts';
import type { CallFact } from '../facts.ts';
import type { FlushCarriage } from './carriage.ts';
import { searchItem } from './encode.ts';
import { requestSignature } from '../progress-signature.ts';

const dedupeKey = (c: CallFact) => (c.intent?.kind === 'search' ? (c.intent.dedupeKey ?? '') : '');

/** Checks C's enrollment flush: the refresh path and the msearch body of the canonical blocks. */
export function checkEnrollFlush(fc: FlushCarriage, calls: readonly CallFact[]): Violation[] {
  const canon: CallFact[] = [];
  for (let i = calls.length - 1; i >= 0; i--) {
    const c = calls[i] as CallFact;
    if (!canon.some((x) => dedupeKey(x) === dedupeKey(c))) canon.push(c);
  }
  const indices: string[] = [];
  for (const c of canon) {
    const ri = c.intent?.kind === 'search' ? (c.intent.refreshIndex ?? '') : '';
    if (ri !== '' && !indices.includes(ri)) indices.push(ri);
  }
  const body = canon.map((c) => (c.intent?.kind === 'search' ? searchItem(c.intent.index, c.intent.body ?? '', c.intent.ignoreUnavailable, c.intent.waitForCheckpoints) : '')).join('');
  const out: Violation[] = [];
  const ev = { step: fc.exchanges[0]?.step ?? 0, time: fc.exchanges[0]?.time ?? 0, tasks: [fc.task] };
  for (const x of fc.exchanges) {
    if (x.req.path.endsWith('/_refresh')) {
      const want = `/${indices.join(',')}/_refresh`;
      if (indices.length === 0 || x.req.path !== want) out.push({ property: 'request-oracle', message: `${fc.task} refreshed ${x.req.path}; its canonical enrollment searches asked for ${indices.length === 0 ? 'no refresh' : want}`, signature: requestSignature(indices.length === 0 ? 'enrollment flush refreshed with no refresh asked for' : 'enrollment flush refreshed other indices than its searches asked for'), evidence: ev });
    } else if (x.req.path !== '/_msearch' || x.req.body !== body) {
      out.push({ property: 'request-oracle', message: `${fc.task} sent ${x.req.path} with ${JSON.stringify(x.req.body.slice(0, 200))}; its ${canon.length} dedupe keys (oldest block first) asked for ${JSON.stringify(body.slice(0, 200))}`, signature: requestSignature(x.req.path !== '/_msearch' ? `enrollment flush sent to ${x.req.path}, not /_msearch` : 'enrollment flush msearch differs from one item per dedupe key, oldest first'), evidence: ev });
    }
  }
  return out;
}

/** Checks the API-key flush: every batch holds only ids its blocks asked to update, each id in one batch. */
export function checkApiKeyFlush(fc: FlushCarriage, calls: readonly CallFact[]): Violation[] {
  const asked = new Set(calls.map((c) => (c.intent?.kind === 'apikey-update' ? c.intent.id : '')));
  const seen = new Map<string, string>();
  const out: Violation[] = [];
  const ev = { step: fc.exchanges[0]?.step ?? 0, time: fc.exchanges[0]?.time ?? 0, tasks: [fc.task] };
  for (const x of fc.exchanges) {
    let ids: unknown;
    try {
      ids = (JSON.parse(x.req.body) as { ids?: unknown }).ids;
    } catch {
      ids = undefined;
    }
    if (x.req.path !== '/_security/api_key/_bulk_update' || !Array.isArray(ids)) {
      out.push({ property: 'request-oracle', message: `${fc.task} sent ${x.req.path} with a body that is not an API-key bulk update`, signature: requestSignature('API-key flush sent something other than an API-key bulk update'), evidence: ev });
      continue;
    }
    for (const id of ids as string[]) {
      if (!asked.has(id)) out.push({ property: 'request-oracle', message: `${fc.task} updated API key ${JSON.stringify(id)}, which none of its ${calls.length} calls asked for`, signature: requestSignature('API-key flush updated a key no call asked for'), evidence: ev });
      const before = seen.get(id);
      if (before !== undefined && before !== x.req.body) out.push({ property: 'request-oracle', message: `${fc.task} put API key ${JSON.stringify(id)} in two different batches`, signature: requestSignature('API-key flush put a key in two batches'), evidence: ev });
      seen.set(id, x.req.body);
    }
  }
  return out;
}
