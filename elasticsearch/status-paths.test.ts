/**
 * Every status a write can end in (created, updated, noop, deleted, conflicts, missing
 * documents and indices), through single-document APIs and bulk.
 */
/**
 * Exact responses (status, headers, body bytes) for every single-document and index status path
 * the fake models, in the shapes Elasticsearch 8.x/9.x sends.
 */
import { describe, expect, it } from 'vitest';
import { FakeElasticsearch } from './fake.ts';
import type { EsMethod, EsResponse } from './types.ts';

const JSON_HEADERS = { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' };
/** Deterministic index_uuid of index `t` when it is the first index created. */
const T_UUID = 'QUIVe7p0GEq0jyUt0CQp81';
const SHARDS = '"_shards":{"total":2,"successful":1,"failed":0}';

const send = (es: FakeElasticsearch, method: EsMethod, path: string, body = '', query: Record<string, string> = {}): EsResponse =>
  es.handle({ method, path, query, body });
const json = (status: number, body: string): EsResponse => ({ status, headers: JSON_HEADERS, body });
/** The request-level error envelope: root_cause holds the error itself. */
const envelope = (status: number, err: string): EsResponse => json(status, `{"error":{"root_cause":[${err}],${err.slice(1, -1)}},"status":${status}}`);

/** A cluster with `t/_doc/1` = {"a":1} (version 1, seq_no 0). */
function withDoc(): FakeElasticsearch {
  const es = new FakeElasticsearch();
  expect(send(es, 'PUT', '/t/_doc/1', '{"a":1}')).toEqual(json(201, `{"_index":"t","_id":"1","_version":1,"result":"created",${SHARDS},"_seq_no":0,"_primary_term":1}`));
  return es;
}

describe('write results', () => {
  it('created: 201', () => {
    withDoc();
  });

  it('created with refresh=true reports forced_refresh', () => {
    const es = new FakeElasticsearch();
    expect(send(es, 'PUT', '/t/_doc/1', '{"a":1}', { refresh: 'true' })).toEqual(
      json(201, `{"_index":"t","_id":"1","_version":1,"result":"created","forced_refresh":true,${SHARDS},"_seq_no":0,"_primary_term":1}`),
    );
  });

  it('updated: 200 (index over an existing id)', () => {
    const es = withDoc();
    expect(send(es, 'PUT', '/t/_doc/1', '{"a":2}')).toEqual(json(200, `{"_index":"t","_id":"1","_version":2,"result":"updated",${SHARDS},"_seq_no":1,"_primary_term":1}`));
  });

  it('updated: 200 (_update with a changing doc)', () => {
    const es = withDoc();
    expect(send(es, 'POST', '/t/_update/1', '{"doc":{"b":1}}')).toEqual(json(200, `{"_index":"t","_id":"1","_version":2,"result":"updated",${SHARDS},"_seq_no":1,"_primary_term":1}`));
  });

  it('noop: 200 with zero _shards and the unchanged version and seq_no', () => {
    const es = withDoc();
    expect(send(es, 'POST', '/t/_update/1', '{"doc":{"a":1}}')).toEqual(
      json(200, '{"_index":"t","_id":"1","_version":1,"result":"noop","_shards":{"total":0,"successful":0,"failed":0},"_seq_no":0,"_primary_term":1}'),
    );
  });

  it('deleted: 200', () => {
    const es = withDoc();
    expect(send(es, 'DELETE', '/t/_doc/1')).toEqual(json(200, `{"_index":"t","_id":"1","_version":2,"result":"deleted",${SHARDS},"_seq_no":1,"_primary_term":1}`));
  });
});

describe('conflicts and missing documents', () => {
  it('create on an existing id: 409 version_conflict_engine_exception', () => {
    const es = withDoc();
    expect(send(es, 'PUT', '/t/_create/1', '{"a":1}')).toEqual(
      envelope(409, `{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, document already exists (current version [1])","index_uuid":"${T_UUID}","shard":"0","index":"t"}`),
    );
  });

  it('op_type=create on an existing id: the same 409', () => {
    const es = withDoc();
    expect(send(es, 'PUT', '/t/_doc/1', '{"a":1}', { op_type: 'create' })).toEqual(
      envelope(409, `{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, document already exists (current version [1])","index_uuid":"${T_UUID}","shard":"0","index":"t"}`),
    );
  });

  it('if_seq_no/if_primary_term mismatch: 409 naming the current seq_no and term', () => {
    const es = withDoc();
    expect(send(es, 'PUT', '/t/_doc/1', '{"a":2}', { if_seq_no: '5', if_primary_term: '1' })).toEqual(
      envelope(409, `{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [0] and primary term [1]","index_uuid":"${T_UUID}","shard":"0","index":"t"}`),
    );
  });

  it('if_seq_no/if_primary_term on a missing document: 409 "but no document was found"', () => {
    const es = withDoc();
    expect(send(es, 'DELETE', '/t/_doc/7', '', { if_seq_no: '0', if_primary_term: '1' })).toEqual(
      envelope(409, `{"type":"version_conflict_engine_exception","reason":"[7]: version conflict, required seqNo [0], primary term [1]. but no document was found","index_uuid":"${T_UUID}","shard":"0","index":"t"}`),
    );
  });

  it('if_seq_no/if_primary_term match: the write succeeds', () => {
    const es = withDoc();
    expect(send(es, 'POST', '/t/_update/1', '{"doc":{"a":2}}', { if_seq_no: '0', if_primary_term: '1' })).toEqual(
      json(200, `{"_index":"t","_id":"1","_version":2,"result":"updated",${SHARDS},"_seq_no":1,"_primary_term":1}`),
    );
  });

  it('update of a missing document: 404 document_missing_exception', () => {
    const es = withDoc();
    expect(send(es, 'POST', '/t/_update/9', '{"doc":{"a":1}}')).toEqual(
      envelope(404, `{"type":"document_missing_exception","reason":"[9]: document missing","index_uuid":"${T_UUID}","shard":"0","index":"t"}`),
    );
  });

  it('delete of a missing document: 404 result not_found, which still takes a seq_no and a version', () => {
    const es = withDoc();
    expect(send(es, 'DELETE', '/t/_doc/2')).toEqual(json(404, `{"_index":"t","_id":"2","_version":1,"result":"not_found",${SHARDS},"_seq_no":1,"_primary_term":1}`));
    // A second delete of an already-deleted id bumps the tombstone version.
    expect(send(es, 'DELETE', '/t/_doc/2')).toEqual(json(404, `{"_index":"t","_id":"2","_version":2,"result":"not_found",${SHARDS},"_seq_no":2,"_primary_term":1}`));
  });
});

describe('reads of missing things', () => {
  const missingIndex = '{"type":"index_not_found_exception","reason":"no such index [nope]","resource.type":"index_or_alias","resource.id":"nope","index_uuid":"_na_","index":"nope"}';

  it('get of a missing document: 404 found=false', () => {
    expect(send(withDoc(), 'GET', '/t/_doc/2')).toEqual(json(404, '{"_index":"t","_id":"2","found":false}'));
  });

  it('get of a document in a missing index: 404 index_not_found_exception', () => {
    expect(send(withDoc(), 'GET', '/nope/_doc/1')).toEqual(envelope(404, missingIndex));
  });

  it('HEAD of a missing document or index: 404 with an empty body', () => {
    const es = withDoc();
    expect(send(es, 'HEAD', '/t/_doc/2')).toEqual(json(404, ''));
    expect(send(es, 'HEAD', '/nope/_doc/1')).toEqual(json(404, ''));
  });

  it('delete of a document in a missing index: 404 index_not_found_exception (deletes do not auto-create)', () => {
    const es = withDoc();
    expect(send(es, 'DELETE', '/nope/_doc/1')).toEqual(envelope(404, missingIndex));
    expect(es.indexNames()).toEqual(['t']);
  });

  it('mget with a missing index: 200, that item carries the error with root_cause, the others are answered', () => {
    const es = withDoc();
    expect(send(es, 'POST', '/_mget', '{"docs":[{"_index":"t","_id":"1"},{"_index":"nope","_id":"1"},{"_index":"t","_id":"2"}]}')).toEqual(
      json(
        200,
        '{"docs":[{"_index":"t","_id":"1","_version":1,"_seq_no":0,"_primary_term":1,"found":true,"_source":{"a":1}},' +
          `{"_index":"nope","_id":"1","error":{"root_cause":[${missingIndex}],${missingIndex.slice(1, -1)}}},` +
          '{"_index":"t","_id":"2","found":false}]}',
      ),
    );
  });

  it('search of a missing index: 404 index_not_found_exception', () => {
    expect(send(withDoc(), 'POST', '/nope/_search')).toEqual(envelope(404, missingIndex));
  });
});

describe('index creation', () => {
  it('create: 200 acknowledged', () => {
    expect(send(new FakeElasticsearch(), 'PUT', '/t')).toEqual(json(200, '{"acknowledged":true,"shards_acknowledged":true,"index":"t"}'));
  });

  it('create on an existing index: 400 resource_already_exists_exception naming name/uuid', () => {
    const es = new FakeElasticsearch();
    send(es, 'PUT', '/t');
    expect(send(es, 'PUT', '/t')).toEqual(
      envelope(400, `{"type":"resource_already_exists_exception","reason":"index [t/${T_UUID}] already exists","index_uuid":"${T_UUID}","index":"t"}`),
    );
  });

  it('invalid index names: 400 invalid_index_name_exception (create and auto-create)', () => {
    const es = new FakeElasticsearch();
    expect(send(es, 'PUT', '/Upper')).toEqual(
      envelope(400, '{"type":"invalid_index_name_exception","reason":"Invalid index name [Upper], must be lowercase","index_uuid":"_na_","index":"Upper"}'),
    );
    expect(send(es, 'PUT', '/Upper/_doc/1', '{"a":1}')).toEqual(
      envelope(400, '{"type":"invalid_index_name_exception","reason":"Invalid index name [Upper], must be lowercase","index_uuid":"_na_","index":"Upper"}'),
    );
    expect(send(es, 'PUT', '/-x')).toEqual(
      envelope(400, `{"type":"invalid_index_name_exception","reason":"Invalid index name [-x], must not start with '_', '-', or '+'","index_uuid":"_na_","index":"-x"}`),
    );
    expect(send(es, 'PUT', '/..')).toEqual(
      envelope(400, `{"type":"invalid_index_name_exception","reason":"Invalid index name [..], must not be '.' or '..'","index_uuid":"_na_","index":".."}`),
    );
    expect(es.indexNames()).toEqual([]);
  });

  it('delete of a missing index: 404 index_not_found_exception', () => {
    const missing = '{"type":"index_not_found_exception","reason":"no such index [nope]","resource.type":"index_or_alias","resource.id":"nope","index_uuid":"_na_","index":"nope"}';
    expect(send(new FakeElasticsearch(), 'DELETE', '/nope')).toEqual(envelope(404, missing));
  });
});
