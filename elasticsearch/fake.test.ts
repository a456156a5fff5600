/**
 * The fake's document APIs against ES's exact responses: status paths, versions, CAS,
 * updates and index names, bulk, and reads (get, mget, search, msearch).
 */
import { describe, expect, it } from 'vitest';
import { FakeElasticsearch } from './fake.ts';
import { BulkResponseSchema, EsErrorEnvelopeSchema, MgetResponseSchema, MsearchResponseSchema, SearchResponseSchema, WriteResponseSchema } from './schemas/index.ts';
import { call, ndjson } from './test-helpers.ts';

const uuidOf = (es: FakeElasticsearch, index: string) => {
  const r = call(es, 'PUT', `/${index}/_create/probe`, { p: 1 });
  const c = call(es, 'PUT', `/${index}/_create/probe`, { p: 1 });
  call(es, 'DELETE', `/${index}/_doc/probe`);
  void r;
  return c.body.error.index_uuid as string;
};

describe('single-document status paths', () => {
  it('create on an existing id is 409 with the exact ES body', () => {
    const es = new FakeElasticsearch();
    expect(call(es, 'PUT', '/t/_create/1', { a: 1 }).status).toBe(201);
    const r = call(es, 'PUT', '/t/_create/1', { a: 1 });
    const uuid = r.body.error.index_uuid;
    const err = { type: 'version_conflict_engine_exception', reason: '[1]: version conflict, document already exists (current version [1])', index_uuid: uuid, shard: '0', index: 't' };
    expect(r.status).toBe(409);
    expect(r.raw.body).toBe(JSON.stringify({ error: { root_cause: [err], ...err }, status: 409 }));
    expect(EsErrorEnvelopeSchema.parse(r.body).status).toBe(409);
  });

  it('update of a missing document is 404 document_missing_exception', () => {
    const es = new FakeElasticsearch();
    const uuid = uuidOf(es, 't');
    const r = call(es, 'POST', '/t/_update/9', { doc: { a: 1 } });
    const err = { type: 'document_missing_exception', reason: '[9]: document missing', index_uuid: uuid, shard: '0', index: 't' };
    expect(r.status).toBe(404);
    expect(r.raw.body).toBe(JSON.stringify({ error: { root_cause: [err], ...err }, status: 404 }));
  });

  it('delete of a missing document is 404 result not_found and consumes a seq_no', () => {
    const es = new FakeElasticsearch();
    call(es, 'PUT', '/t/_doc/1', { a: 1 });
    const r = call(es, 'DELETE', '/t/_doc/2');
    expect(r.status).toBe(404);
    expect(r.raw.body).toBe('{"_index":"t","_id":"2","_version":1,"result":"not_found","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":1,"_primary_term":1}');
    expect(es.globalCheckpoint('t')).toBe(1);
    expect(call(es, 'DELETE', '/missing/_doc/1').body.error.type).toBe('index_not_found_exception');
  });

  it('versions, seq_no, results, forced_refresh and tombstones', () => {
    const es = new FakeElasticsearch();
    expect(es.globalCheckpoint('t')).toBe(-1);
    const a = call(es, 'PUT', '/t/_doc/1', { a: 1 }, { refresh: 'true' });
    expect(WriteResponseSchema.parse(a.body)).toMatchObject({ result: 'created', _version: 1, _seq_no: 0, forced_refresh: true });
    const b = call(es, 'PUT', '/t/_doc/1', { a: 2 }, { refresh: 'wait_for' });
    expect(b.body).toMatchObject({ result: 'updated', _version: 2, _seq_no: 1 });
    expect(b.body.forced_refresh).toBeUndefined();
    expect(call(es, 'DELETE', '/t/_doc/1').body).toMatchObject({ result: 'deleted', _version: 3 });
    expect(call(es, 'PUT', '/t/_doc/1', { a: 3 }).body).toMatchObject({ result: 'created', _version: 4, _seq_no: 3 });
    expect(es.getDocument('t', '1')).toEqual({ source: { a: 3 }, version: 4, seqNo: 3 });
  });

  it('if_seq_no / if_primary_term', () => {
    const es = new FakeElasticsearch();
    call(es, 'PUT', '/t/_doc/1', { a: 1 });
    const bad = call(es, 'PUT', '/t/_doc/1', { a: 2 }, { if_seq_no: '5', if_primary_term: '1' });
    expect(bad.status).toBe(409);
    expect(bad.body.error.reason).toBe('[1]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [0] and primary term [1]');
    expect(call(es, 'PUT', '/t/_doc/1', { a: 2 }, { if_seq_no: '0', if_primary_term: '1' }).status).toBe(200);
  });

  it('update: doc merge, noop, doc_as_upsert, upsert, detect_noop=false, retry_on_conflict', () => {
    const es = new FakeElasticsearch();
    expect(call(es, 'POST', '/t/_update/1', { doc: { a: { x: 1 } }, doc_as_upsert: true }).body).toMatchObject({ result: 'created', _version: 1 });
    const noop = call(es, 'POST', '/t/_update/1', { doc: { a: { x: 1 } } });
    expect(noop.body).toMatchObject({ result: 'noop', _version: 1, _seq_no: 0, _shards: { total: 0, successful: 0, failed: 0 } });
    expect(call(es, 'POST', '/t/_update/1', { doc: { a: { y: 2 } } }, { retry_on_conflict: '3' }).body).toMatchObject({ result: 'updated', _version: 2 });
    expect(es.getDocument('t', '1')!.source).toEqual({ a: { x: 1, y: 2 } });
    expect(call(es, 'POST', '/t/_update/1', { doc: {}, detect_noop: false }).body).toMatchObject({ result: 'updated', _version: 3 });
    call(es, 'POST', '/t/_update/2', { doc: { d: 1 }, upsert: { u: 1 } });
    expect(es.getDocument('t', '2')!.source).toEqual({ u: 1 });
  });

  it('index name validation and auto ids', () => {
    const es = new FakeElasticsearch();
    expect(call(es, 'PUT', '/Upper/_doc/1', { a: 1 }).body.error).toMatchObject({ type: 'invalid_index_name_exception', reason: 'Invalid index name [Upper], must be lowercase' });
    expect(call(es, 'PUT', '/_x/_doc/1', { a: 1 }).status).toBe(400);
    const r1 = call(es, 'POST', '/t/_doc', { a: 1 }).body._id;
    const r2 = call(es, 'POST', '/t/_doc', { a: 1 }).body._id;
    expect(r1).not.toBe(r2);
    expect(call(new FakeElasticsearch(), 'POST', '/t/_doc', { a: 1 }).body._id).toBe(r1);
    expect(call(es, 'PUT', '/t/_doc/a"b', { a: 1 }).status).toBe(201);
    expect(call(new FakeElasticsearch({ autoCreateIndex: false }), 'PUT', '/t/_doc/1', { a: 1 }).status).toBe(404);
  });

  it('indices create/exists/delete', () => {
    const es = new FakeElasticsearch();
    expect(call(es, 'HEAD', '/i').status).toBe(404);
    expect(call(es, 'PUT', '/i', { settings: { number_of_replicas: 0 } }).body).toEqual({ acknowledged: true, shards_acknowledged: true, index: 'i' });
    expect(call(es, 'PUT', '/i').body.error.type).toBe('resource_already_exists_exception');
    expect(call(es, 'HEAD', '/i').status).toBe(200);
    expect(call(es, 'DELETE', '/i').body).toEqual({ acknowledged: true });
    expect(call(es, 'DELETE', '/i').status).toBe(404);
  });
});

describe('bulk', () => {
  it('mixed items, errors flag, default index and refresh', () => {
    const es = new FakeElasticsearch();
    const body = ndjson({ index: { _id: '1' } }, { a: 1 }, { create: { _id: '1' } }, { a: 2 }, { update: { _id: '1' } }, { doc: { b: 1 } }, { update: { _id: '2' } }, { doc: { b: 1 }, doc_as_upsert: true }, { delete: { _id: '3' } }, { update: { _id: '4' } }, { doc: { c: 1 } });
    const r = call(es, 'POST', '/d/_bulk', body, { refresh: 'true' });
    const parsed = BulkResponseSchema.parse(r.body);
    expect(parsed.errors).toBe(true);
    expect(parsed.items.map((i) => Object.keys(i)[0])).toEqual(['index', 'create', 'update', 'update', 'delete', 'update']);
    expect(parsed.items.map((i) => (Object.values(i)[0] as { status: number }).status)).toEqual([201, 409, 200, 201, 404, 404]);
    expect(r.body.items[4].delete.result).toBe('not_found');
    expect(r.body.items[5].update.error.type).toBe('document_missing_exception');
    expect(call(es, 'GET', '/d/_count').body.count).toBe(2);
  });

  it('malformed action lines are rejected like ES', () => {
    const es = new FakeElasticsearch();
    const r = call(es, 'POST', '/_bulk', '{"index":{"_index":"x"}}\n{}\n{}\n');
    expect(r.status).toBe(400);
    expect(r.body.error.reason).toBe('Malformed action/metadata line [3], expected FIELD_NAME but found [END_OBJECT]');
    expect(call(es, 'POST', '/_bulk', '{"index":{"_index":"x"}}\n{}').body.error.reason).toBe('The bulk request must be terminated by a newline [\\n]');
    expect(call(es, 'POST', '/_bulk', '{"bogus":{}}\n').body.error.reason).toContain('expected field [create], [delete], [index] or [update] but found [bogus]');
    expect(call(es, 'POST', '/_bulk', '').body.error.type).toBe('action_request_validation_exception');
    expect(call(es, 'POST', '/_bulk', '{"index":{}}\n{}\n').body.error.reason).toBe('Validation Failed: 1: index is missing;');
  });
});

describe('reads', () => {
  const seed = () => {
    const es = new FakeElasticsearch();
    call(es, 'POST', '/_bulk', ndjson({ index: { _index: 'a', _id: '1' } }, { k: 'x', n: 1 }, { index: { _index: 'a', _id: '2' } }, { k: 'y', n: 2 }, { index: { _index: 'a', _id: '3' } }, { k: 'x', n: 3, o: { p: true } }), { refresh: 'true' });
    return es;
  };

  it('search sees only refreshed docs; get is realtime', () => {
    const es = seed();
    call(es, 'PUT', '/a/_doc/4', { k: 'z' });
    expect(call(es, 'GET', '/a/_doc/4').body.found).toBe(true);
    expect(call(es, 'GET', '/a/_doc/4', '', { realtime: 'false' }).status).toBe(404);
    expect(call(es, 'POST', '/a/_search').body.hits.total).toEqual({ value: 3, relation: 'eq' });
    call(es, 'POST', '/a/_refresh');
    expect(call(es, 'POST', '/a/_search').body.hits.total).toEqual({ value: 4, relation: 'eq' });
  });

  it('queries, sort, paging, seq_no_primary_term, _source', () => {
    const es = seed();
    const s = (body: unknown) => SearchResponseSchema.parse(call(es, 'POST', '/a/_search', body).body).hits.hits.map((h) => h._id);
    expect(s({ query: { term: { k: 'x' } } })).toEqual(['1', '3']);
    expect(s({ query: { terms: { n: [2, 3] } } })).toEqual(['2', '3']);
    expect(s({ query: { ids: { values: ['3', '1'] } } })).toEqual(['1', '3']);
    expect(s({ query: { exists: { field: 'o.p' } } })).toEqual(['3']);
    expect(s({ query: { bool: { filter: [{ range: { n: { gt: 1 } } }], must_not: { term: { k: 'y' } } } } })).toEqual(['3']);
    expect(s({ query: { bool: { should: [{ term: { n: 1 } }, { term: { k: 'x' } }], minimum_should_match: 2 } } })).toEqual(['1']);
    expect(s({ sort: [{ n: { order: 'desc' } }], size: 2 })).toEqual(['3', '2']);
    expect(s({ sort: 'n', from: 1 })).toEqual(['2', '3']);
    expect(s({ sort: ['_doc'] })).toEqual(['1', '2', '3']);
    const h = call(es, 'POST', '/a/_search', { seq_no_primary_term: true, _source: false, size: 1 }).body.hits.hits[0];
    expect(h).toEqual({ _index: 'a', _id: '1', _seq_no: 0, _primary_term: 1, _score: 1 });
    expect(call(es, 'POST', '/a/_search', { query: { nope: {} } }).body.error.type).toBe('parsing_exception');
    expect(call(es, 'POST', '/a/_search', { track_total_hits: 1 }).body.hits.total).toEqual({ value: 1, relation: 'gte' });
  });

  it('mget and msearch shapes', () => {
    const es = seed();
    const m = MgetResponseSchema.parse(call(es, 'POST', '/_mget', { docs: [{ _index: 'a', _id: '1' }, { _index: 'zz', _id: '1' }] }).body);
    expect(m.docs[0]!.found).toBe(true);
    expect(m.docs[1]!.found).toBeUndefined();
    expect(m.docs[1]!.error!.type).toBe('index_not_found_exception');
    const body = ndjson({ index: 'a' }, { query: { term: { k: 'x' } } }, { index: 'zz' }, {}, { index: 'zz', ignore_unavailable: true }, {});
    const ms = MsearchResponseSchema.parse(call(es, 'POST', '/_fleet/_fleet_msearch', body).body);
    expect(ms.responses.map((r) => r.status)).toEqual([200, 404, 200]);
  });

  it('wait_for_checkpoints and writeVersion', () => {
    const es = seed();
    const req = (cp: number) => ({ method: 'POST' as const, path: '/_fleet/_fleet_msearch', query: {}, body: ndjson({ index: 'a', wait_for_checkpoints: [cp] }, {}) });
    expect(es.mustWaitForCheckpoints(req(2))).toBe(false);
    expect(es.mustWaitForCheckpoints(req(3))).toBe(true);
    const v = es.writeVersion;
    call(es, 'PUT', '/a/_doc/9', { n: 9 });
    expect(es.writeVersion).toBeGreaterThan(v);
    expect(es.mustWaitForCheckpoints(req(3))).toBe(false);
  });

  it('api key bulk update answers 200', () => {
    const es = new FakeElasticsearch();
    expect(call(es, 'POST', '/_security/api_key/_bulk_update', { ids: ['k1', 'k2'], role_descriptors: {} }).body).toEqual({ updated: ['k1', 'k2'], noops: [] });
  });
});
