/**
 * `answer-oracle`: every answer a caller received is the one Elasticsearch gave for its
 * own request item. A read returns the document it asked for; a multi operation returns
 * its results in input order, each with its own operation's id; and against the request
 * log, a call that succeeded had a successful item in the response of the request that
 * carried it (the same hits for a search, the same id for a create or index, the same
 * status per multi result). A multi call that succeeded has no failed operation (upstream
 * returns the last item error). And every block a flush carried is answered in that
 * generation (by the success loop, failQueue or, hardened, the exit), unless the flush
 * task was still running when the run ended.
 */
import type { Violation } from '../../../properties/violation.ts';
import type { CallFact, RunFacts } from '../facts.ts';
import { carriageOf } from './carriage.ts';
import { answerSignature } from '../progress-signature.ts';

/** What is wrong with an answer: a kind for the signature and the details for the message. */
interface Wrong {
  readonly kind: string;
  readonly why: string;
}

const okStatus = (s: number) => s === 200 || s === 201;

/** Checks that need only the call: results in input order, the read of the document asked for. */
function selfChecks(c: CallFact): Wrong | null {
  const a = c.answer;
  const i = c.intent;
  if (a === null || i === null || c.error !== null) return null;
  if (a.kind === 'multi' && i.kind === 'multi') {
    if (a.items.length !== i.ops.length) return { kind: 'returned the wrong number of results', why: `returned ${a.items.length} results for ${i.ops.length} operations` };
    for (const [k, item] of a.items.entries()) {
      const want = i.ops[k]!.id;
      if (item.id !== want) return { kind: 'results not in input order', why: `result ${k} is for ${JSON.stringify(item.id)}, but operation ${k} was for ${JSON.stringify(want)} (results not in input order)` };
    }
    const failed = a.items.findIndex((x) => !okStatus(x.status));
    if (failed >= 0) return { kind: 'succeeded with a failed operation', why: `succeeded, but its operation ${failed} failed with status ${a.items[failed]!.status}` };
  }
  // Upstream's generated mget decoder never reads `_id` (it stays empty): an id is compared only when the engine gave one.
  if (a.kind === 'read' && i.kind === 'read' && ((a.id !== '' && a.id !== i.id) || !a.found)) return { kind: a.found ? 'read another document' : 'succeeded on a missing document', why: `read ${i.index}/${i.id} but got ${JSON.stringify(a.id)} (found ${a.found})` };
  if (a.kind === 'write' && i.kind === 'write' && a.id !== undefined && a.id !== i.id) return { kind: 'returned another id', why: `${i.action} of ${i.index}/${i.id} returned id ${JSON.stringify(a.id)}` };
  return null;
}

/** Whether a read's raw `_source` text is the item's (null: unreadable, not judged). */
function sameSource(raw: string, item: string | undefined): boolean | null {
  try {
    return JSON.stringify(JSON.parse(raw)) === item;
  } catch {
    return null;
  }
}

/** One response item, reduced. */
export interface Item {
  readonly status: number;
  readonly id?: string;
  readonly hitIds?: readonly string[];
  /** An mget document's `_source`, re-serialised. */
  readonly source?: string;
}

/** The response items of a 2xx exchange, in order, or null when unreadable. */
export function responseItems(path: string, body: string): Item[] | null {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return null;
  }
  const o = v as { items?: unknown[]; docs?: unknown[]; responses?: unknown[] };
  if (path === '/_bulk' && Array.isArray(o.items)) {
    return o.items.map((it) => {
      const rec = it as Record<string, { _id?: string; status?: number }>;
      const k = ['update', 'create', 'index', 'delete'].find((x) => rec[x] !== undefined);
      const r = k === undefined ? undefined : rec[k];
      return { status: r?.status ?? 0, id: r?._id ?? '' };
    });
  }
  if (path === '/_mget' && Array.isArray(o.docs)) return o.docs.map((d) => ({ status: (d as { found?: boolean }).found === true ? 200 : 404, id: (d as { _id?: string })._id ?? '', source: JSON.stringify((d as { _source?: unknown })._source ?? null) }));
  if (path.endsWith('_msearch') && Array.isArray(o.responses)) {
    return o.responses.map((r) => {
      const x = r as { status?: number; hits?: { hits?: { _id?: string }[] } };
      return { status: x.status ?? 0, hitIds: (x.hits?.hits ?? []).map((h) => h._id ?? '') };
    });
  }
  return null;
}

/** The answer-oracle violations of a run. */
export function answerOracle(f: RunFacts): Violation[] {
  const out: Violation[] = [];
  const at = (c: CallFact) => ({ step: f.result.steps, time: c.end ?? f.result.time, tasks: [c.task] });
  for (const c of f.calls) {
    const w = selfChecks(c);
    if (w !== null) out.push({ property: 'answer-oracle', message: `${c.op} call #${c.id} by ${c.task}: ${w.why}`, signature: answerSignature(c.op, w.kind), evidence: at(c) });
  }
  const live = new Set(f.result.live.map((t) => t.name));
  for (const fc of carriageOf(f).flushes) {
    if (live.has(fc.task)) continue;
    for (const b of fc.blocks) {
      const hist = f.blocks[b.index]?.history ?? [];
      const flushedAt = hist.find((e) => e.event === 'flush' && e.gen === b.gen && e.task === fc.task)?.seq ?? -1;
      if (!hist.some((e) => e.event === 'answer' && e.gen === b.gen && e.seq >= flushedAt)) {
        const c = b.call;
        out.push({ property: 'answer-oracle', message: `${fc.task} carried block ${b.blockId}.${b.gen}${c ? ` (${c.op} call #${c.id} by ${c.task})` : ''} but never answered it`, signature: answerSignature(c?.op ?? 'a block', 'carried by a flush and never answered'), evidence: { step: f.result.steps, time: f.result.time, tasks: [fc.task] } });
      }
    }
  }
  for (const fc of carriageOf(f).flushes) {
    const last = [...fc.exchanges].reverse().find((x) => x.end?.kind === 'response' && x.end.status <= 299);
    if (last === undefined || last.end?.kind !== 'response') continue;
    const intent = fc.blocks[0]?.call?.intent;
    if (intent === undefined || intent === null || intent.kind === 'apikey-update') continue;
    if (intent.kind === 'search' && f.flags.enrollQueue && intent.dedupeKey !== undefined && intent.dedupeKey !== '') continue;
    const items = responseItems(last.req.path, last.end.body);
    if (items === null || items.length !== fc.blocks.length) continue;
    for (const [k, b] of fc.blocks.entries()) {
      const c = b.call;
      if (c === undefined || c.answer === null || c.error !== null || (c.end !== null && c.end < last.end.time)) continue;
      const item = items[k] as Item;
      const a = c.answer;
      let w: Wrong | null = null;
      if (a.kind === 'multi') {
        const mine = a.items[b.opIndex];
        if (mine !== undefined && mine.status !== item.status) w = { kind: "result status differs from its operation's item", why: `result ${b.opIndex} has status ${mine.status}, but Elasticsearch answered ${item.status} for that operation` };
      } else if (!okStatus(item.status)) w = { kind: 'succeeded on a failed item', why: `succeeded, but Elasticsearch answered status ${item.status} for its item ${k}` };
      else if (a.kind === 'search' && JSON.stringify(a.hitIds) !== JSON.stringify(item.hitIds)) w = { kind: "got another item's hits", why: `got hits ${JSON.stringify(a.hitIds)}, but its item ${k} answered ${JSON.stringify(item.hitIds)}` };
      else if (a.kind === 'read' && a.id === '' && a.source !== null && sameSource(a.source, item.source) === false) w = { kind: "got another item's document", why: `got _source ${a.source.slice(0, 80)}, but its item ${k} answered ${(item.source ?? '').slice(0, 80)}` };
      else if (((a.kind === 'read' && a.id !== '') || (a.kind === 'write' && a.id !== undefined)) && a.id !== item.id) w = { kind: "got another item's id", why: `got id ${JSON.stringify(a.id)}, but its item ${k} answered ${JSON.stringify(item.id)}` };
      if (w !== null) out.push({ property: 'answer-oracle', message: `${c.op} call #${c.id} by ${c.task} (${fc.task}): ${w.why}`, signature: answerSignature(c.op, w.kind), evidence: at(c) });
    }
  }
  return out;
}
