import { describe, expect, it } from 'vitest';
import { FakeElasticsearch } from '../fake.ts';
import { ndjson } from '../test-helpers.ts';
import type { EsRequest } from '../types.ts';
import { applyPlan } from './apply.ts';
import type { Choose } from './choose.ts';
import { htmlErrorPage } from './html.ts';
import { FaultProfileSchema, HEALTHY_PROFILE, type FaultProfileInput } from './profile.ts';
import { planRequest } from './plan.ts';

/** A Choose that replays a script and records every call. */
function scripted(values: number[]): { choose: Choose; calls: [number, string][] } {
  const calls: [number, string][] = [];
  let i = 0;
  return { calls, choose: (w, l) => { calls.push([w, l]); return values[i++] ?? 0; } };
}

const bulkReq = (): EsRequest => ({ method: 'POST', path: '/_bulk', query: {}, body: ndjson({ index: { _index: 'f', _id: '1' } }, { a: 1 }, { index: { _index: 'f', _id: '2' } }, { a: 2 }) });
const profile = (p: FaultProfileInput) => FaultProfileSchema.parse(p);

describe('fault planning', () => {
  it('a healthy profile with fixed latency makes no decision', () => {
    const { choose, calls } = scripted([]);
    const plan = planRequest(HEALTHY_PROFILE, bulkReq(), choose);
    expect(plan).toMatchObject({ latencyUs: 1000, outcome: { kind: 'ok' } });
    const es = new FakeElasticsearch();
    const res = applyPlan(plan, bulkReq(), es, choose);
    expect(calls).toEqual([]);
    expect('status' in res && res.status).toBe(200);
  });

  it('makes one decision per draw, as wide as its outcomes, with the documented labels', () => {
    const { choose, calls } = scripted([3, 0]);
    const plan = planRequest(profile({ latency: { kind: 'uniform', minUs: 10, maxUs: 19 }, request: { reset: 500 } }), bulkReq(), choose);
    expect(calls).toEqual([[10, 'es.latency'], [2, 'es.fault.request']]);
    expect(plan.latencyUs).toBe(13);
    expect(plan.outcome).toEqual({ kind: 'ok' });
    const b = scripted([1]);
    planRequest(profile({ latency: { kind: 'buckets', buckets: [{ weight: 2, us: 5 }, { weight: 4, us: 50 }] } }), bulkReq(), b.choose);
    // Two buckets are two outcomes (weighted 2:4 for random strategies): width 2, not 3.
    expect(b.calls).toEqual([[2, 'es.latency']]);
  });

  it('rejects unknown keys and over-full probabilities', () => {
    expect(FaultProfileSchema.safeParse({ latency: { kind: 'fixed', us: 1, extra: 1 } }).success).toBe(false);
    expect(FaultProfileSchema.safeParse({ request: { reset: 600, hang: 600 } }).success).toBe(false);
    expect(FaultProfileSchema.safeParse({ bogus: 1 }).success).toBe(false);
  });
});

describe('request-level faults', () => {
  const run = (p: FaultProfileInput) => {
    const es = new FakeElasticsearch();
    const { choose } = scripted([1]);
    const plan = planRequest(profile(p), bulkReq(), choose);
    return { es, res: applyPlan(plan, bulkReq(), es, choose) };
  };

  it('429 es_rejected_execution_exception with the exact body; store untouched', () => {
    const { es, res } = run({ request: { rejected429: 500 } });
    const reason = `rejected execution of coordinating operation [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, coordinating_operation_bytes=${Buffer.byteLength(bulkReq().body)}, max_coordinating_and_primary_bytes=107374182]`;
    const err = { type: 'es_rejected_execution_exception', reason };
    expect(res).toEqual({ status: 429, headers: { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' }, body: JSON.stringify({ error: { root_cause: [err], ...err }, status: 429 }) });
    expect(es.globalCheckpoint('f')).toBe(-1);
  });

  it('502 and 503 with HTML bodies', () => {
    expect(run({ request: { badGateway502Html: 500 } }).res).toEqual({ status: 502, headers: { 'content-type': 'text/html' }, body: htmlErrorPage(502) });
    const r = run({ request: { unavailable503Html: 500 } }).res;
    expect(r).toMatchObject({ status: 503 });
    expect('body' in r && r.body.startsWith('<html>')).toBe(true);
  });

  it('reset and hang leave the store untouched', () => {
    const a = run({ request: { reset: 500 } });
    expect(a.res).toEqual({ kind: 'reset' });
    expect(a.es.getDocument('f', '1')).toBeUndefined();
    const b = run({ request: { hang: 500 } });
    expect(b.res).toEqual({ kind: 'hang' });
  });

  it('malformed body and wrong item count: the store IS modified, the response is damaged', () => {
    const m = run({ request: { malformedBody: 500 } });
    expect(() => JSON.parse((m.res as { body: string }).body)).toThrow();
    expect(m.es.getDocument('f', '1')).toBeDefined();
    const w = run({ request: { wrongItemCount: 500 } });
    expect(JSON.parse((w.res as { body: string }).body).items).toHaveLength(1);
    expect(w.es.getDocument('f', '2')).toBeDefined();
  });
});

describe('item-level faults', () => {
  it('bulk items get 409/429/503 and faulted items are not applied', () => {
    const es = new FakeElasticsearch();
    const { choose, calls } = scripted([1, 2]);
    const plan = planRequest(profile({ item: { conflict409: 250, rejected429: 250, unavailable503: 250 } }), bulkReq(), choose);
    const res = applyPlan(plan, bulkReq(), es, choose) as { body: string };
    expect(calls).toEqual([[4, 'es.fault.item'], [4, 'es.fault.item']]);
    const body = JSON.parse(res.body);
    expect(body.errors).toBe(true);
    expect(body.items[0].index).toEqual({ _index: 'f', _id: '1', status: 409, error: { type: 'version_conflict_engine_exception', reason: '[1]: version conflict, required seqNo [0], primary term [1]. but no document was found', index_uuid: '_na_', shard: '0', index: 'f' } });
    expect(body.items[1].index).toMatchObject({ status: 429, error: { type: 'es_rejected_execution_exception' } });
    expect(es.getDocument('f', '1')).toBeUndefined();
    expect(es.getDocument('f', '2')).toBeUndefined();
    // ok, 429, 503 are three outcomes (weighted 1:2:1); outcome 2 is the 503.
    const c = scripted([2]);
    const one: EsRequest = { ...bulkReq(), body: ndjson({ index: { _index: 'f', _id: '1' } }, { a: 1 }) };
    const r503 = JSON.parse((applyPlan(planRequest(profile({ item: { unavailable503: 250, rejected429: 500 } }), one, c.choose), one, es, c.choose) as { body: string }).body);
    expect(r503.items[0].index).toMatchObject({ status: 503, error: { type: 'unavailable_shards_exception' } });
  });

  it('msearch items get 429/503 only', () => {
    const es = new FakeElasticsearch();
    const req: EsRequest = { method: 'POST', path: '/_msearch', query: {}, body: ndjson({}, {}, {}, {}) };
    // Conflicts do not apply to searches: ok, 429, 503 are the three outcomes.
    const { choose, calls } = scripted([1, 2]);
    const res = applyPlan(planRequest(profile({ item: { conflict409: 100, rejected429: 250, unavailable503: 250 } }), req, choose), req, es, choose) as { body: string };
    expect(calls.map((c) => c[0])).toEqual([3, 3]);
    const body = JSON.parse(res.body);
    expect(body.responses.map((r: { status: number }) => r.status)).toEqual([429, 503]);
    expect(body.responses[1].error.type).toBe('search_phase_execution_exception');
  });
});

describe('determinism', () => {
  it('the same decisions give byte-identical responses', () => {
    const p = profile({ latency: { kind: 'uniform', minUs: 0, maxUs: 99 }, request: { malformedBody: 100, wrongItemCount: 100 }, item: { conflict409: 100, rejected429: 100 } });
    const runOnce = () => {
      const es = new FakeElasticsearch();
      let seed = 7;
      const choose: Choose = (w) => (seed = (seed * 1103515245 + 12345) % 2147483648) % w;
      const out: string[] = [];
      for (let i = 0; i < 30; i++) {
        const req: EsRequest = i % 3 === 2
          ? { method: 'POST', path: '/_msearch', query: {}, body: ndjson({ index: 'f' }, { query: { match_all: {} } }) }
          : { method: 'POST', path: '/_bulk', query: { refresh: 'true' }, body: ndjson({ index: { _index: 'f' } }, { i }, { update: { _index: 'f', _id: String(i) } }, { doc: { i }, doc_as_upsert: true }) };
        const plan = planRequest(p, req, choose);
        out.push(JSON.stringify([plan.latencyUs, applyPlan(plan, req, es, choose)]));
      }
      return out.join('\n');
    };
    expect(runOnce()).toBe(runOnce());
  });
});
