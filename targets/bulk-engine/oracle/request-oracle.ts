/**
 * `request-oracle`: every request a flush sent carries exactly the items its blocks'
 * calls asked for, in the order the flush walked them, encoded as upstream encodes them
 * (index, id, body, `retry_on_conflict`), to the endpoint and with the query (`refresh`)
 * of the calls' queue. A call whose block went out with an option dropped, a changed
 * body, or to the wrong queue, fails it with the call named.
 */
import { normaliseIds } from '../../../properties/signature.ts';
import type { Violation } from '../../../properties/violation.ts';
import type { RunFacts } from '../facts.ts';
import { carriageOf, type FlushCarriage } from './carriage.ts';
import { expectedEndpoint, expectedItem, splitItems } from './encode.ts';
import { checkApiKeyFlush, checkEnrollFlush } from './grouped-requests.ts';
import type { CallFact } from '../facts.ts';
import { endpointText, itemDifference, requestSignature } from '../progress-signature.ts';

const sameQuery = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};

/** The whole body upstream sends for these items (`_mget`: `{"docs": [` items `]}`). */
const expectedBody = (path: string, items: readonly string[]) => (path === '/_mget' ? `{"docs": [${items.join(',')}]}` : items.join(''));

const normalize = (path: string, item: string) => (path === '/_mget' ? JSON.stringify(JSON.parse(item)) : item);

/** The request-oracle violations of one flush. */
function checkFlush(f: RunFacts, fc: FlushCarriage): Violation[] {
  const calls = fc.blocks.map((b) => b.call);
  if (calls.some((c) => c === undefined || c.intent === null)) return [];
  const first = calls[0]!;
  const intent = first.intent!;
  if (intent.kind === 'apikey-update') return checkApiKeyFlush(fc, calls as CallFact[]);
  if (intent.kind === 'search' && f.flags.enrollQueue && intent.dedupeKey !== undefined && intent.dedupeKey !== '') return checkEnrollFlush(fc, calls as CallFact[]);
  const want = expectedEndpoint(intent, f.flags.enrollQueue);
  const out: Violation[] = [];
  const ev = { step: fc.exchanges[0]?.step ?? f.result.steps, time: fc.exchanges[0]?.time ?? f.result.time, tasks: [fc.task] };
  // Each call against where its block actually went (the first request), or, with nothing
  // sent, against the flush's first call: the signature names the call whose endpoint is wrong.
  const sent = fc.exchanges[0];
  const went = sent === undefined ? want : { path: sent.req.path, query: sent.req.query };
  for (const [i, c] of calls.entries()) {
    const ep = expectedEndpoint(c!.intent!, f.flags.enrollQueue);
    if (ep.path !== went.path || !sameQuery(ep.query, went.query)) {
      const message = `${fc.task} ${sent === undefined ? 'carried' : `sent ${sent.req.method} ${endpointText(went)} carrying`} ${c!.op} call #${c!.id} by ${c!.task} (item ${i}), which belongs to ${endpointText(ep)}${sent === undefined ? `, with calls for ${endpointText(want)}` : ''}`;
      out.push({ property: 'request-oracle', message, signature: requestSignature(`${c!.op} sent to ${endpointText(went)}, asked for ${endpointText(ep)}`), evidence: ev });
      return out;
    }
  }
  for (const x of fc.exchanges) {
    const path = x.req.path;
    if (path !== want.path || !sameQuery(x.req.query, want.query)) {
      const message = `${fc.task} sent ${x.req.method} ${endpointText({ path, query: x.req.query })} for ${first.op} call #${first.id} by ${first.task}, which asked for ${endpointText(want)}`;
      out.push({ property: 'request-oracle', message, signature: requestSignature(`${first.op} sent to ${endpointText({ path, query: x.req.query })}, asked for ${endpointText(want)}`), evidence: ev });
      continue;
    }
    const expectedItems = calls.map((c, i) => expectedItem(c!.intent!, fc.blocks[i]!.opIndex) ?? '');
    if (x.req.body === expectedBody(path, expectedItems)) continue;
    const items = splitItems(path, x.req.body);
    if (items === null || items.length !== calls.length) {
      out.push({ property: 'request-oracle', message: `${fc.task} sent ${items?.length ?? 'unreadable'} items to ${path} for ${calls.length} blocks`, signature: requestSignature(`${first.op} flush sent ${items === null ? 'an unreadable body' : 'another number of items than blocks'} to ${path}`), evidence: ev });
      continue;
    }
    for (const [i, c] of calls.entries()) {
      const expected = expectedItems[i] as string;
      const got = items[i] as string;
      if (normalize(path, got) !== normalize(path, expected)) {
        out.push({ property: 'request-oracle', message: `${fc.task} sent item ${i} for ${c!.op} call #${c!.id} by ${c!.task} as ${JSON.stringify(got)}; the call asked for ${JSON.stringify(expected)}`, signature: requestSignature(`${c!.op} item differs in ${itemDifference(path, got, expected)}`), evidence: ev });
        break;
      }
    }
  }
  return out;
}

/** The request-oracle violations of a run; a request sent by a task that carried no block (a flush of an empty queue) is one too. */
export function requestOracle(f: RunFacts): Violation[] {
  const out: Violation[] = [];
  const carriage = carriageOf(f);
  for (const fc of carriage.flushes) out.push(...checkFlush(f, fc));
  const carriers = new Set(carriage.flushes.map((fc) => fc.task));
  const callers = new Set(f.calls.map((c) => c.task));
  for (const x of f.exchanges) {
    if (carriers.has(x.task) || callers.has(x.task)) continue;
    out.push({ property: 'request-oracle', message: `${x.task} sent ${x.req.method} ${x.req.path} carrying no call's block`, signature: requestSignature(`${normaliseIds(x.task)} sent ${x.req.path} carrying no block`), evidence: { step: x.step, time: x.time, tasks: [x.task] } });
    break;
  }
  return out;
}
