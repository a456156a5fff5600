/**
 * A test transport answering from a script, after a fixed virtual latency, honouring the
 * caller's ctx (an ended ctx returns its error, like the HTTP client would).
 */
import { onRecv, select, type Context, type GoError, type Micros, type Proc, type Sim } from '../../sim/index.ts';
import type { HttpRequest, Transport, TransportResult } from '../transport.ts';
import { ms } from '../../sim/index.ts';

/** What the script answers: a response, a transport error, or a hang until ctx ends. */
export type Scripted = { readonly status: number; readonly body: string } | { readonly error: GoError } | 'hang';

/** A scripted transport; `requests` records every request in order. */
export class ScriptedTransport implements Transport {
  readonly requests: HttpRequest[] = [];

  constructor(
    private readonly sim: Sim,
    /** Answers request number `n` (0-based). */
    private readonly script: (req: HttpRequest, n: number) => Scripted,
    /** Fixed virtual latency. */
    readonly latency: Micros = ms(1),
  ) {}

  *roundTrip(ctx: Context, req: HttpRequest): Proc<TransportResult> {
    const n = this.requests.length;
    this.requests.push(req);
    if (ctx.err() !== null) return { kind: 'error', error: ctx.err() as GoError };
    const t = this.sim.newTimer(this.latency, 'test-es.latency');
    const r = yield* select([onRecv(t.C), onRecv(ctx.done())]);
    if (r.index === 1) {
      t.stop();
      return { kind: 'error', error: ctx.err() as GoError };
    }
    const a = this.script(req, n);
    if (a === 'hang') {
      yield* select([onRecv(ctx.done())]);
      return { kind: 'error', error: ctx.err() as GoError };
    }
    if ('error' in a) return { kind: 'error', error: a.error };
    return { kind: 'response', status: a.status, body: a.body };
  }
}

/** Splits an NDJSON body into parsed lines. */
export function ndjson(body: string): unknown[] {
  return body.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown);
}

/** A `_bulk` reply with one item per frame, all `{op: {_id, status}}` (B3's mock, but with the frame's own op). */
export function bulkReply(body: string, status = 201, op?: string): { status: number; body: string } {
  const lines = ndjson(body) as Record<string, { _id?: string; _index?: string }>[];
  const items: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    const meta = lines[i] as Record<string, { _id?: string; _index?: string }>;
    const k = Object.keys(meta)[0] as string;
    const m = meta[k] ?? {};
    items.push({ [op ?? k]: { _index: m._index ?? '', _id: m._id ?? `auto${i}`, status } });
    if (k !== 'delete') i++;
  }
  return { status: 200, body: JSON.stringify({ took: 1, errors: status > 299, items }) };
}

/** An `_mget` reply: every doc found (or none). */
export function mgetReply(body: string, found = true): { status: number; body: string } {
  const req = JSON.parse(body) as { docs: { _index: string; _id: string }[] };
  const docs = req.docs.map((d) => (found ? { _index: d._index, _id: d._id, _version: 1, _seq_no: 0, found: true, _source: { id: d._id } } : { _index: d._index, _id: d._id, found: false }));
  return { status: 200, body: JSON.stringify({ docs }) };
}

/** An `_msearch` reply: one item of status `status` per header line. */
export function msearchReply(body: string, status = 200): { status: number; body: string } {
  const n = ndjson(body).length / 2;
  const item =
    status === 200
      ? { status, took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { max_score: null, hits: [] } }
      : { status, error: { type: 'index_not_found_exception', reason: 'no such index' } };
  return { status: 200, body: JSON.stringify({ took: 1, responses: Array.from({ length: n }, () => item) }) };
}

/** Answers every engine endpoint with success. */
export function okScript(req: HttpRequest): Scripted {
  if (req.path === '/_bulk') return bulkReply(req.body);
  if (req.path === '/_mget') return mgetReply(req.body);
  if (req.path.endsWith('_msearch')) return msearchReply(req.body);
  return { status: 200, body: '{}' };
}
