/**
 * The engine decodes response shapes that Elasticsearch may send but the fake never
 * emits, the way upstream does. Every expected value and message here was produced by
 * upstream's own generated decoders (`schema_easyjson.go` at dc8e230, easyjson's jlexer)
 * run on the same bytes (the mget `_id`/`_version`/`_seq_no` stay zero: upstream's stale
 * generated code does not read them, see `mget-response.ts`).
 */
import { describe, expect, it } from 'vitest';
import { ErrElasticVersionConflict } from '../errors.ts';
import { translateError } from '../translate-error.ts';
import { chooseBulkItem, decodeBulkResponse, decodeMgetResponse, decodeMsearchResponse } from './index.ts';

function ok<T>(r: { err: Error | null; value?: T }): T {
  expect(r.err).toBeNull();
  return r.value as T;
}

describe('what the fake never emits but Elasticsearch may: decoded as upstream does', () => {
  it('a bulk response without took and errors', () => {
    const r = ok(decodeBulkResponse('{"items":[{"index":{"_id":"1","status":201}}]}'));
    expect(r).toEqual({ took: 0, errors: false, items: [{ index: { _id: '1', status: 201 } }] });
  });

  it('an item error that is a plain string: kept raw, translated from its text', () => {
    const r = ok(decodeBulkResponse('{"took":1,"errors":true,"items":[{"update":{"_id":"2","status":500,"error":"some failure"}}]}'));
    const item = chooseBulkItem(r.items[0]!);
    expect(item).toEqual({ _id: '2', status: 500, error: '"some failure"' });
    expect(translateError(item!.status, item!.error)?.message).toBe('elastic fail 500: unknown_error: "some failure"');
  });

  it('item errors with extra fields, and unknown members at every level, skipped or kept raw', () => {
    const conflict =
      '{"type":"version_conflict_engine_exception","reason":"[3]: version conflict, document already exists (current version [1])","index_uuid":"u","shard":"0","index":"i","extra":{"deep":[1,2]}}';
    const parse = '{"type":"mapper_parsing_exception","reason":"failed to parse","caused_by":{"type":"json_parse_exception","reason":"Unexpected character","line":1}}';
    const body = `{"took":2,"errors":true,"ingest_took":0,"items":[{"create":{"_index":"i","_id":"3","status":409,"error":${conflict}}},{"index":{"_id":"4","status":400,"error":${parse}}}],"unknown":{"a":[{"b":"}"}]}}`;
    const [a, b] = ok(decodeBulkResponse(body)).items.map(chooseBulkItem);
    expect(a).toEqual({ _id: '3', status: 409, error: conflict });
    expect(translateError(a!.status, a!.error)).toBe(ErrElasticVersionConflict);
    expect(translateError(b!.status, b!.error)?.message).toBe('elastic fail 400: mapper_parsing_exception: failed to parse: json_parse_exception: Unexpected character');
  });

  it('null members, a null op key beside a real one, and an item with no known op key', () => {
    const r = ok(decodeBulkResponse('{"took":null,"errors":null,"items":[{"index":null,"create":{"_id":null,"status":201,"error":null}},{"noop":{"_id":"x","status":200}}]}'));
    expect(r.items.map(chooseBulkItem)).toEqual([{ _id: '', status: 201 }, null]);
  });

  it('mget docs without _index: found, not found, and a per-doc error (read as not found)', () => {
    const r = ok(
      decodeMgetResponse(
        '{"docs":[{"_id":"a","_version":2,"_seq_no":5,"found":true,"_source":{"x":1}},{"_id":"b","found":false},{"_index":"nope","_id":"c","error":{"type":"index_not_found_exception","reason":"no such index [nope]"}}]}',
      ),
    );
    // schema_easyjson.go reads only found and _source: _id, _version and _seq_no stay zero.
    expect(r.docs).toEqual([
      { _id: '', _version: 0, _seq_no: 0, found: true, _source: '{"x":1}' },
      { _id: '', _version: 0, _seq_no: 0, found: false },
      { _id: '', _version: 0, _seq_no: 0, found: false },
    ]);
  });

  it('msearch without took: a hit with versions and fields, a string error, terms buckets with top hits', () => {
    const r = ok(
      decodeMsearchResponse(
        '{"responses":[{"status":200,"hits":{"total":{"value":1,"relation":"eq"},"max_score":null,"hits":[{"_index":"i","_id":"a","_seq_no":3,"version":2,"_score":null,"_source":{"a":1},"sort":[5],"fields":{"f":["x",1]}}]}},' +
          '{"status":503,"error":"search unavailable"},' +
          '{"status":200,"aggregations":{"by_key":{"sum_other_doc_count":0,"buckets":[{"key":"k","doc_count":2,"latest":{"hits":{"total":{"value":2,"relation":"eq"},"max_score":1,"hits":[{"_id":"z","_score":1}]}}}]}}}]}',
      ),
    );
    expect(r.took).toBe(0);
    const [hit, failed, aggs] = r.responses;
    expect(hit!.hits).toEqual({ hits: [{ _id: 'a', _seq_no: 3, version: 2, _index: 'i', _source: '{"a":1}', _score: null, fields: { f: ['x', 1] } }], total: { relation: 'eq', value: 1 }, max_score: null });
    expect(failed!.error).toBe('"search unavailable"');
    expect(translateError(failed!.status, failed!.error)?.message).toBe('elastic fail 503: unknown_error: "search unavailable"');
    const bucket = aggs!.aggregations!['by_key']!.buckets![0]!;
    expect(bucket.key).toBe('k');
    expect(bucket.doc_count).toBe(2);
    expect(bucket.aggregations['latest']!.hits.map((h) => h._id)).toEqual(['z']);
  });

  it('a body that is just null decodes to an empty response (the flush then reports a count mismatch)', () => {
    expect(ok(decodeBulkResponse('null')).items).toEqual([]);
  });
});

describe('where upstream fails, the engine fails with upstream’s message', () => {
  it.each([
    ['bulk', '{"took":"1"}', "parse error: expected number near offset 11 of '1'"],
    ['bulk', '{"items":[{"index":{"status":{}}}]}', "parse error: expected number near offset 30 of 'status'"],
    ['bulk', '{"took":99999999999999999999}', 'parse error: strconv.ParseInt: parsing "99999999999999999999": value out of range near offset 8 of \'99999999999999999999\''],
    ['bulk', '{"took":1,"errors":false,"items":[{"index":{"_id":"1","st', 'parse error: unterminated string literal near offset 57 of \'{"took":1,"errors":false,"items":[{"index":{"_id":"1","st\''],
    ['bulk', '{"took":1,"errors":false,"items":[{"index":{"_id":"1"', 'EOF'],
    ['mget', '{"docs":[]} x', "parse error: invalid character 'x' after top-level value near offset 12 of 'x'"],
    ['mget', '{"docs":[{"found":"true"}]}', "parse error: expected bool near offset 24 of 'true'"],
    ['msearch', '{"responses":[{"took":-1}]}', 'parse error: strconv.ParseUint: parsing "-1": invalid syntax near offset 22 of \'-1\''],
    ['msearch', '{"responses":[{"hits":{"total":5}}]}', "parse error: expected { near offset 32 of '5'"],
    ['msearch', '{"responses":[{"aggregations":{"t":{"buckets":[{"key":1,"doc_count":2}]}}}]}', 'json: cannot unmarshal number into Go struct field _bucket.key of type string'],
    ['msearch', '{"responses":[{"aggregations":{"t":{"buckets":[{"key":"k","top":{"hits":{"hits":[{"_seq_no":1.5}]}}}]}}}]}', 'json: cannot unmarshal number 1.5 into Go struct field HitT.hits._seq_no of type int64'],
    ['msearch', '{"responses":[{"aggregations":{"t":{"buckets":[1.]}}}]}', "invalid character ' ' after decimal point in numeric literal"],
  ])('%s %s', (kind, body, message) => {
    const decode = kind === 'bulk' ? decodeBulkResponse : kind === 'mget' ? decodeMgetResponse : decodeMsearchResponse;
    expect(decode(body).err?.message).toBe(message);
  });
});
