/**
 * Fault planning and injection: decisions and their labels, each whole-request fault's
 * exact response and its effect (or not) on the store, item faults, and profile validation.
 */
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

/** Headers of every JSON response the fake sends. */
const JSON_HEADERS = { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' };
const HTML_HEADERS = { 'content-type': 'text/html' };

describe('request-level faults (exact responses)', () => {
  const run = (p: FaultProfileInput, req: EsRequest = bulkReq()) => {
    const es = new FakeElasticsearch();
    const { choose } = scripted([1]);
    const plan = planRequest(profile(p), req, choose);
    return { es, res: applyPlan(plan, req, es, choose) };
  };

  it('429 es_rejected_execution_exception: exact body (in-flight bytes just over the limit); store untouched', () => {
    const { es, res } = run({ request: { rejected429: 500 } });
    const reason = 'rejected execution of coordinating operation [coordinating_and_primary_bytes=107374097, replica_bytes=0, all_bytes=107374097, coordinating_operation_bytes=86, max_coordinating_and_primary_bytes=107374182]';
    expect(Buffer.byteLength(bulkReq().body)).toBe(86);
    expect(res).toEqual({
      status: 429,
      headers: JSON_HEADERS,
      body: `{"error":{"root_cause":[{"type":"es_rejected_execution_exception","reason":"${reason}"}],"type":"es_rejected_execution_exception","reason":"${reason}"},"status":429}`,
    });
    expect(es.globalCheckpoint('f')).toBe(-1);
  });

  it('502 with the exact nginx HTML body; store untouched', () => {
    const { es, res } = run({ request: { badGateway502Html: 500 } });
    expect(res).toEqual({
      status: 502,
      headers: HTML_HEADERS,
      body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    });
    expect(es.indexNames()).toEqual([]);
  });

  it('503 with the exact nginx HTML body; store untouched', () => {
    const { es, res } = run({ request: { unavailable503Html: 500 } });
    expect(res).toEqual({
      status: 503,
      headers: HTML_HEADERS,
      body: '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    });
    expect(htmlErrorPage(503)).toBe((res as { body: string }).body);
    expect(es.indexNames()).toEqual([]);
  });

  it('connection reset: no response at all; store untouched', () => {
    const { es, res } = run({ request: { reset: 500 } });
    expect(res).toEqual({ kind: 'reset' });
    expect(es.indexNames()).toEqual([]);
  });

  it('hang: no response at all; store untouched', () => {
    const { es, res } = run({ request: { hang: 500 } });
    expect(res).toEqual({ kind: 'hang' });
    expect(es.indexNames()).toEqual([]);
  });

  it('malformed body: 200 with exactly the first half of the real body; the store IS modified', () => {
    const { es, res } = run({ request: { malformedBody: 500 } });
    const body = '{"errors":false,"took":1,"items":[{"index":{"_index":"f","_id":"1","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":';
    expect(res).toEqual({ status: 200, headers: JSON_HEADERS, body });
    expect(() => JSON.parse(body)).toThrow();
    expect(es.getDocument('f', '1')).toEqual({ source: { a: 1 }, version: 1, seqNo: 0 });
    expect(es.getDocument('f', '2')).toEqual({ source: { a: 2 }, version: 1, seqNo: 1 });
  });

  it('wrong item count, bulk: the last item is dropped; the store IS modified', () => {
    const { es, res } = run({ request: { wrongItemCount: 500 } });
    expect(res).toEqual({
      status: 200,
      headers: JSON_HEADERS,
      body: '{"errors":false,"took":1,"items":[{"index":{"_index":"f","_id":"1","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}}]}',
    });
    expect(es.getDocument('f', '2')).toEqual({ source: { a: 2 }, version: 1, seqNo: 1 });
  });

  it('wrong item count, mget: two docs asked, one answered', () => {
    const req: EsRequest = { method: 'POST', path: '/_mget', query: {}, body: JSON.stringify({ docs: [{ _index: 'f', _id: '1' }, { _index: 'f', _id: '2' }] }) };
    expect(run({ request: { wrongItemCount: 500 } }, req).res).toEqual({
      status: 200,
      headers: JSON_HEADERS,
      body: '{"docs":[{"_index":"f","_id":"1","error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [f]","resource.type":"index_or_alias","resource.id":"f","index_uuid":"_na_","index":"f"}],"type":"index_not_found_exception","reason":"no such index [f]","resource.type":"index_or_alias","resource.id":"f","index_uuid":"_na_","index":"f"}}]}',
    });
  });

  it('wrong item count, msearch: two searches sent, one answered', () => {
    const req: EsRequest = { method: 'POST', path: '/_msearch', query: {}, body: ndjson({}, {}, {}, {}) };
    expect(run({ request: { wrongItemCount: 500 } }, req).res).toEqual({
      status: 200,
      headers: JSON_HEADERS,
      body: '{"took":1,"responses":[{"took":1,"timed_out":false,"_shards":{"total":0,"successful":0,"skipped":0,"failed":0},"hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]},"status":200}]}',
    });
  });
});

describe('faults after the request ran: applied, then lost or altered', () => {
  const run = (p: FaultProfileInput, decisions: number[], req: EsRequest = bulkReq()) => {
    const es = new FakeElasticsearch();
    const { choose, calls } = scripted(decisions);
    const plan = planRequest(profile(p), req, choose);
    return { es, plan, res: applyPlan(plan, req, es, choose), calls };
  };

  it('applied, then reset: the store IS modified, the caller sees a reset', () => {
    const { es, res } = run({ request: { appliedThenReset: 500 } }, [1]);
    expect(res).toEqual({ kind: 'reset' });
    expect(es.getDocument('f', '1')).toEqual({ source: { a: 1 }, version: 1, seqNo: 0 });
  });

  it('applied, then a proxy\'s 504 with its HTML page: the store IS modified', () => {
    const { es, res } = run({ request: { appliedThen504Html: 500 } }, [1]);
    expect(res).toEqual({ status: 504, headers: HTML_HEADERS, body: htmlErrorPage(504) });
    expect(htmlErrorPage(504)).toContain('<title>504 Gateway Time-out</title>');
    expect(es.getDocument('f', '2')).toEqual({ source: { a: 2 }, version: 1, seqNo: 1 });
  });

  it('bulk item without a known op key: one item (a decision) becomes {}; the store IS modified', () => {
    const { es, res, calls } = run({ request: { itemWithoutOp: 500 } }, [1, 1]);
    expect(calls).toEqual([[2, 'es.fault.request'], [2, 'es.fault.item-without-op']]);
    const items = (JSON.parse((res as { body: string }).body) as { items: unknown[] }).items;
    expect(items[1]).toEqual({});
    expect(Object.keys(items[0] as object)).toEqual(['index']);
    expect(es.getDocument('f', '2')).toEqual({ source: { a: 2 }, version: 1, seqNo: 1 });
  });

  it('item without op applies to bulk only: an mget with the fault on makes no fault decision', () => {
    const req: EsRequest = { method: 'POST', path: '/_mget', query: {}, body: JSON.stringify({ docs: [{ _index: 'f', _id: '1' }] }) };
    const { plan, calls } = run({ request: { itemWithoutOp: 500 } }, [], req);
    expect(plan.outcome).toEqual({ kind: 'ok' });
    expect(calls).toEqual([]);
  });
});

describe('item-level faults (exact responses)', () => {
  const runItems = (p: FaultProfileInput, decisions: number[], req: EsRequest = bulkReq()) => {
    const es = new FakeElasticsearch();
    const { choose, calls } = scripted(decisions);
    const res = applyPlan(planRequest(profile(p), req, choose), req, es, choose);
    return { es, res, calls };
  };
  const all3 = { item: { conflict409: 250, rejected429: 250, unavailable503: 250 } };
  const OK_ITEM_2 = '{"index":{"_index":"f","_id":"2","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}}';

  it('bulk item 409 version_conflict_engine_exception (no root_cause in bulk items); the item is not applied', () => {
    // Outcomes: 0 ok, 1 409, 2 429, 3 503 (one decision per item, label es.fault.item).
    const { es, res, calls } = runItems(all3, [1, 0]);
    expect(calls).toEqual([[4, 'es.fault.item'], [4, 'es.fault.item']]);
    expect(res).toEqual({
      status: 200,
      headers: JSON_HEADERS,
      body: '{"errors":true,"took":1,"items":[{"index":{"_index":"f","_id":"1","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, required seqNo [0], primary term [1]. but no document was found","index_uuid":"_na_","shard":"0","index":"f"}}},' + OK_ITEM_2 + ']}',
    });
    expect(es.getDocument('f', '1')).toBeUndefined();
  });

  it('bulk item 409 on an existing document names its current version', () => {
    const es = new FakeElasticsearch();
    es.handle({ method: 'PUT', path: '/f/_doc/1', query: {}, body: '{"a":0}' });
    const req: EsRequest = { ...bulkReq(), body: ndjson({ index: { _index: 'f', _id: '1' } }, { a: 1 }) };
    const { choose } = scripted([1]);
    const res = applyPlan(planRequest(profile(all3), req, choose), req, es, choose);
    expect(res).toEqual({
      status: 200,
      headers: JSON_HEADERS,
      body: '{"errors":true,"took":1,"items":[{"index":{"_index":"f","_id":"1","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, document already exists (current version [1])","index_uuid":"arzXGduvcbAlL6PrROE1ma","shard":"0","index":"f"}}}]}',
    });
    expect(es.getDocument('f', '1')).toEqual({ source: { a: 0 }, version: 1, seqNo: 0 });
  });

  it('bulk item 429 es_rejected_execution_exception (primary indexing pressure); the item is not applied', () => {
    const { es, res } = runItems(all3, [2, 0]);
    expect(res).toEqual({
      status: 200,
      headers: JSON_HEADERS,
      body: '{"errors":true,"took":1,"items":[{"index":{"_index":"f","_id":"1","status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected execution of primary operation [coordinating_and_primary_bytes=107374176, replica_bytes=0, all_bytes=107374176, primary_operation_bytes=7, max_coordinating_and_primary_bytes=107374182]"}}},' + OK_ITEM_2 + ']}',
    });
    expect(es.getDocument('f', '1')).toBeUndefined();
  });

  it('bulk item 503 unavailable_shards_exception (reason only, no shard metadata); the item is not applied', () => {
    const { es, res } = runItems(all3, [3, 0]);
    expect(res).toEqual({
      status: 200,
      headers: JSON_HEADERS,
      body: '{"errors":true,"took":1,"items":[{"index":{"_index":"f","_id":"1","status":503,"error":{"type":"unavailable_shards_exception","reason":"[f][0] primary shard is not active Timeout: [1m], request: [BulkShardRequest [[f][0]] containing [1] requests]"}}},' + OK_ITEM_2 + ']}',
    });
    expect(es.getDocument('f', '1')).toBeUndefined();
    expect(es.getDocument('f', '2')).toBeDefined();
  });

  const msearchReq: EsRequest = { method: 'POST', path: '/_msearch', query: {}, body: ndjson({}, {}, {}, {}) };
  const EMPTY_HIT = '{"took":1,"timed_out":false,"_shards":{"total":0,"successful":0,"skipped":0,"failed":0},"hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]},"status":200}';

  it('msearch item 429 es_rejected_execution_exception (search thread pool full), with root_cause', () => {
    // Conflicts do not apply to searches: 0 ok, 1 429, 2 503.
    const { res, calls } = runItems({ item: { conflict409: 100, rejected429: 250, unavailable503: 250 } }, [1, 0], msearchReq);
    expect(calls).toEqual([[3, 'es.fault.item'], [3, 'es.fault.item']]);
    const reason =
      'rejected execution of TimedRunnable{original=ActionRunnable#wrap[searchShard], creationTimeNanos=0, startTimeNanos=0, finishTimeNanos=-1, failedOrRejected=false} ' +
      'on TaskExecutionTimeTrackingEsThreadPoolExecutor[name = node-0/search, queue capacity = 1000, task execution EWMA = 0s, total task execution time = 0s, ' +
      'org.elasticsearch.common.util.concurrent.TaskExecutionTimeTrackingEsThreadPoolExecutor@1b2c3d4e[Running, pool size = 13, active threads = 13, queued tasks = 1000, completed tasks = 0]]';
    expect(res).toEqual({
      status: 200,
      headers: JSON_HEADERS,
      body: `{"took":1,"responses":[{"error":{"root_cause":[{"type":"es_rejected_execution_exception","reason":"${reason}"}],"type":"es_rejected_execution_exception","reason":"${reason}"},"status":429},${EMPTY_HIT}]}`,
    });
  });

  it('msearch item 503 search_phase_execution_exception "all shards failed" with root_cause []', () => {
    const { res } = runItems({ item: { rejected429: 250, unavailable503: 250 } }, [2, 0], msearchReq);
    expect(res).toEqual({
      status: 200,
      headers: JSON_HEADERS,
      body: `{"took":1,"responses":[{"error":{"root_cause":[],"type":"search_phase_execution_exception","reason":"all shards failed","phase":"query","grouped":true,"failed_shards":[]},"status":503},${EMPTY_HIT}]}`,
    });
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
