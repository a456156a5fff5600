/**
 * Upstream's error texts and only upstream's error types (issue #17 item 6), each case
 * quoting the upstream file and function it follows (elastic/fleet-server at dc8e230
 * unless a branch is named). Texts from Go's `encoding/json` follow its `scanner.go`
 * and `decode.go` (Go 1.26).
 */
import { describe, expect, it } from 'vitest';
import { GoPanic, recv } from '../sim/index.ts';
import { parseKeyReqCut, parseKeyReqDecoder } from './apikey-request.ts';
import { firstValue, goSyntaxError } from './decode/go-scanner.ts';
import { ErrElastic, ErrElasticNotFound, ErrElasticVersionConflict, ErrEnrollDuplicate, ErrInvalidBody, ErrNoQuotes, ErrTooManyBulkDispatches } from './errors.ts';
import { closedResponseString } from './es-client/response-string.ts';
import { flushBulk } from './flush-bulk.ts';
import { flushEnrollSearch } from './flush-enroll.ts';
import { flushRead } from './flush-read.ts';
import { flushSearch } from './flush-search.ts';
import { flushUpdateAPIKey } from './flush-apikey.ts';
import { Action, type Blk, type Resp } from './block.ts';
import { QueueType, type Queue, type QueueTypeT } from './queue.ts';
import { go, world } from './testing/harness.ts';
import { LabelChooser } from './testing/label-chooser.ts';
import { parseError, translateError } from './translate-error.ts';
import { apiKeyUpdateBody } from './ops-bulk.ts';

describe('sentinels: the texts of engine.go and es/error.go', () => {
  it.each([
    ['bulk.ErrNoQuotes (engine.go)', ErrNoQuotes, 'quoted literal not supported'],
    ['bulk.ErrTooManyBulkDispatches (engine.go)', ErrTooManyBulkDispatches, 'too many pending bulk dispatches'],
    ['bulk.ErrEnrollDuplicate (engine.go)', ErrEnrollDuplicate, 'enrollment deduplicated: retry'],
    ['es.ErrElasticVersionConflict (es/error.go)', ErrElasticVersionConflict, 'elastic version conflict'],
    ['es.ErrElasticNotFound (es/error.go)', ErrElasticNotFound, 'elastic not found'],
    ['es.ErrInvalidBody (es/error.go)', ErrInvalidBody, 'invalid body'],
  ])('%s', (_name, err, text) => {
    expect(err.message).toBe(text);
  });

  it('es/error.go knownErrorTypes has three types: shard_restoring_exception is not one of them', () => {
    const e = translateError(503, '"shard_restoring_exception: [i][0] restoring"') as ErrElastic;
    expect(e.type).toBe('unknown_error');
  });
});

describe("Go's encoding/json scanner (checkValid, Decoder.readValue)", () => {
  it.each([
    ['<html>', "invalid character '<' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b"}', "invalid character '\"' after object key:value pair"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{1:2}', "invalid character '1' looking for beginning of object key string"],
    ['"a\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['1ex', "invalid character 'x' in exponent of numeric literal"],
    // At the end of input Go steps a space through the last state (scanner.eof): a cut literal names that space.
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['trux', "invalid character 'x' in literal true (expecting 'e')"],
    ['{"a":', 'unexpected end of JSON input'],
    ['{} x', "invalid character 'x' after top-level value"],
    ['', 'unexpected end of JSON input'],
  ])('json.Unmarshal(%j): %s', (text, err) => {
    expect(goSyntaxError(text)).toBe(err);
  });

  it('Decoder.Decode reads the first value and ignores the rest; EOF and unexpected EOF', () => {
    expect(firstValue('  {"error":1} trailing <html>')).toEqual({ text: '{"error":1}', err: null });
    expect(firstValue('42')).toEqual({ text: '42', err: null });
    expect(firstValue('42x')).toEqual({ text: '42', err: null });
    expect(firstValue('   ')).toEqual({ err: 'EOF' });
    expect(firstValue('{"error": {')).toEqual({ err: 'unexpected EOF' });
    expect(firstValue('<html>')).toEqual({ err: "invalid character '<' looking for beginning of value" });
  });
});

describe('parseError (bulk/helpers.go): a json.Decoder over the body, then TranslateError', () => {
  it('an HTML body (a proxy\'s 502) returns the decoder\'s error itself', () => {
    expect(parseError(502, '<html><body>502 Bad Gateway</body></html>').message).toBe("invalid character '<' looking for beginning of value");
  });
  it('an empty body is EOF; a truncated one unexpected EOF', () => {
    expect(parseError(503, '').message).toBe('EOF');
    expect(parseError(503, '{"error":{"type":"x"').message).toBe('unexpected EOF');
  });
  it('a JSON value that is not an object is a type error naming the anonymous struct', () => {
    expect(parseError(500, '"oops"').message).toBe('json: cannot unmarshal string into Go value of type struct { Err json.RawMessage "json:\\"error\\"" }');
    expect(parseError(500, '[1]').message).toBe('json: cannot unmarshal array into Go value of type struct { Err json.RawMessage "json:\\"error\\"" }');
  });
  it('trailing data after the object is ignored; the member name matches case-insensitively', () => {
    const e = parseError(429, '{"ERROR":{"type":"es_rejected_execution_exception","reason":"r"},"status":429} garbage') as ErrElastic;
    expect(e).toBeInstanceOf(ErrElastic);
    expect(e.message).toBe('elastic fail 429: es_rejected_execution_exception: r');
  });
  it('no error member, or a null one: ErrElastic with the status alone', () => {
    expect(parseError(404, '{"found":false}').message).toBe('elastic fail 404');
    expect(parseError(404, '{"error":null}').message).toBe('elastic fail 404');
  });
});

describe('TranslateError (es/error.go): decode into *ErrorT, else search the raw text', () => {
  it('an object whose members have the wrong types fails to decode: the raw text is searched', () => {
    const raw = '{"type":5,"reason":"timeout while waiting"}';
    const e = translateError(500, raw) as ErrElastic;
    expect(e.type).toBe('timeout_exception');
    expect(e.reason).toBe(raw);
  });
  it('caused_by of the wrong type also falls back; a string names a version conflict', () => {
    expect((translateError(500, '{"type":"x","caused_by":"y"}') as ErrElastic).type).toBe('unknown_error');
    expect(translateError(409, '"VersionConflictEngineException[...]"')).toBe(ErrElasticVersionConflict);
  });
  it('the raw text is kept exactly as sent (a json.RawMessage), escapes included', () => {
    expect((translateError(500, '"a\\u0041 b"') as ErrElastic).reason).toBe('"a\\u0041 b"');
  });
  it('errorTranslationMap is a Go map: when keys of two types match, which one wins is a decision', () => {
    const raw = '"index not found after timeout"';
    expect((translateError(500, raw, () => 0) as ErrElastic).type).toBe('index_not_found_exception');
    expect((translateError(500, raw, () => 1) as ErrElastic).type).toBe('timeout_exception');
    let asked = 0;
    translateError(500, '"IndexNotFoundException: index not found"', () => asked++);
    expect(asked).toBe(0); // two keys of one type: no decision
  });
});

/** A queue of `n` blocks built by hand, head first, with the given buffers. */
function handQueue(w: ReturnType<typeof world>, type: QueueTypeT, bufs: readonly string[], opts: { dedupeKey?: string; refreshIndex?: string }[] = []): { q: Queue; blks: Blk[] } {
  const blks = bufs.map((buf, i) => {
    const h = w.bulker.pool.acquire('test');
    const d = w.bulker.pool.use(h, 'buf');
    d.buf = buf;
    d.action = type === QueueType.read ? Action.read : type === QueueType.apiKeyUpdate ? Action.updateApiKey : type === QueueType.bulk ? Action.index : Action.search;
    d.dedupeKey = opts[i]?.dedupeKey ?? '';
    d.refreshIndex = opts[i]?.refreshIndex ?? '';
    return h;
  });
  for (let i = 0; i < blks.length - 1; i++) w.bulker.pool.use(blks[i] as Blk, 'next').next = blks[i + 1] as Blk;
  return { q: { type, cnt: blks.length, head: blks[0] ?? null, pending: 1 }, blks };
}

function flushOnce(
  body: string,
  type: QueueTypeT,
  flush: typeof flushBulk,
  bufs: readonly string[],
  opts?: { dedupeKey?: string; refreshIndex?: string }[],
  strategy?: LabelChooser,
): { err: string | null; resps: Resp[]; paths: string[] } {
  const w = world('upstream', { script: (req) => (req.path.endsWith('_refresh') ? { status: 200, body: '{}' } : { status: 200, body }), ...(strategy && { strategy }) });
  const { q, blks } = handQueue(w, type, bufs, opts);
  const out: { err: string | null; resps: Resp[]; paths: string[] } = { err: null, resps: [], paths: [] };
  go(w.sim, 'flush', function* () {
    const err = yield* flush(w.bulker, w.bg, q);
    out.err = err?.message ?? null;
    if (err === null) for (const h of blks) out.resps.push((yield* recv(w.bulker.pool.use(h, 'ch').ch)) as Resp);
  });
  w.sim.run();
  out.paths = w.es.requests.map((r) => r.path);
  return out;
}

describe('flush error texts', () => {
  it('flushBulk (opBulk.go): "Bulk queue length mismatch"; unmarshal errors prefixed', () => {
    expect(flushOnce('{"items":[]}', QueueType.bulk, flushBulk, ['{"index":{"_index":"i"}}\n{}\n']).err).toBe('Bulk queue length mismatch');
    expect(flushOnce('{"items":', QueueType.bulk, flushBulk, ['x']).err).toMatch(/^flushBulk failed, could not unmarshal ES response: /);
  });
  it('flushRead (opRead.go): "queue length mismatch for Mget"', () => {
    expect(flushOnce('{"docs":[]}', QueueType.read, flushRead, ['{"_index":"i","_id":"1"},']).err).toBe('queue length mismatch for Mget');
  });
  it('flushSearch (opSearch.go): "Bulk queue length mismatch"', () => {
    expect(flushOnce('{"responses":[]}', QueueType.search, flushSearch, ['{}\n{}\n']).err).toBe('Bulk queue length mismatch');
  });
  it('flushEnrollSearch (opSearch.go): "enroll search queue length mismatch: got N, want M"', () => {
    const r = flushOnce('{"responses":[]}', QueueType.enrollSearch, flushEnrollSearch, ['{}\n{}\n', '{}\n{}\n'], [{ dedupeKey: 'a' }, { dedupeKey: 'b' }]);
    expect(r.err).toBe('enroll search queue length mismatch: got 0, want 2');
  });
  it('flushUpdateAPIKey (opApiKey.go, #7190): a buffer without newline; a body error without prefix', () => {
    expect(flushOnce('{}', QueueType.apiKeyUpdate, flushUpdateAPIKey, ['{"update_api_key":{}}']).err).toBe('invalid APIKeyUpdate buffer: missing meta separator');
    expect(flushOnce('{}', QueueType.apiKeyUpdate, flushUpdateAPIKey, ['{"update_api_key":{}}\n{"id":5}\n']).err).toBe('json: cannot unmarshal number into Go struct field apiKeyUpdateRequest.id of type string');
  });
});

describe('flushEnrollSearch (opSearch.go l.253–379): duplicates, refresh order, refresh failure', () => {
  const ok = '{"responses":[{"status":200,"hits":{"hits":[]}}]}';
  it('duplicates are answered with respT{err: ErrEnrollDuplicate}: idx 0, no data', () => {
    const r = flushOnce(ok, QueueType.enrollSearch, flushEnrollSearch, ['{}\n{}\n', '{}\n{}\n'], [{ dedupeKey: 'k' }, { dedupeKey: 'k' }]);
    expect(r.err).toBeNull();
    const dup = r.resps.find((x) => x.err === ErrEnrollDuplicate);
    expect(dup).toEqual({ err: ErrEnrollDuplicate, idx: 0, data: null });
  });
  it('the refresh indices come from a Go map: their order in the request path is a decision', () => {
    const bufs = ['{}\n{}\n', '{}\n{}\n'];
    const opts = [{ dedupeKey: 'b', refreshIndex: 'i2' }, { dedupeKey: 'a', refreshIndex: 'i1' }];
    const first = flushOnce('{"responses":[{"status":200},{"status":200}]}', QueueType.enrollSearch, flushEnrollSearch, bufs, opts, new LabelChooser({ 'map-order.refreshIndices': [0] }));
    const second = flushOnce('{"responses":[{"status":200},{"status":200}]}', QueueType.enrollSearch, flushEnrollSearch, bufs, opts, new LabelChooser({ 'map-order.refreshIndices': [1] }));
    expect(first.paths[0]).toBe('/i1,i2/_refresh');
    expect(second.paths[0]).toBe('/i2,i1/_refresh');
  });
  it('a failed refresh is reported through res.String() after the body was closed', () => {
    expect(closedResponseString(404, '{"error":{"type":"index_not_found_exception"}}')).toBe('<error reading response body: http: read on closed response body>');
    expect(closedResponseString(404, '')).toBe('[404 Not Found] ');
    const w = world('upstream', { script: (req) => (req.path.endsWith('_refresh') ? { status: 404, body: '{"error":{}}' } : { status: 200, body: ok }) });
    const { q, blks } = handQueue(w, QueueType.enrollSearch, ['{}\n{}\n'], [{ dedupeKey: 'k', refreshIndex: 'nope' }]);
    let got: Resp | undefined;
    go(w.sim, 'flush', function* () {
      expect(yield* flushEnrollSearch(w.bulker, w.bg, q)).toBeNull();
      got = (yield* recv(w.bulker.pool.use(blks[0] as Blk, 'ch').ch)) as Resp;
    });
    w.sim.run();
    expect(got?.err?.message).toBe('enroll search refresh failed: <error reading response body: http: read on closed response body>');
  });
});

describe('flushUpdateAPIKey buffer parsing, before and after #7190 (opApiKey.go)', () => {
  const good = '{"update_api_key":{"_id":"k","_index":""}}\n{"id":"k","role_descriptors":{ "r": 1 },"role_hash":"h"}\n';
  it('both read the request; role_descriptors is kept exactly as written (json.RawMessage)', () => {
    expect(parseKeyReqCut(good)).toEqual({ id: 'k', roles: '{ "r": 1 }', hash: 'h' });
    expect(parseKeyReqDecoder(good)).toEqual({ id: 'k', roles: '{ "r": 1 }', hash: 'h' });
  });
  it('9.4 and earlier: one json.Decoder; a missing body is EOF, a meta line that is not an object a type error', () => {
    expect((parseKeyReqDecoder('{"update_api_key":{}}') as Error).message).toBe('EOF');
    expect((parseKeyReqDecoder('[1]\n{}') as Error).message).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
  });
  it('9.4 and earlier: a null body leaves *apiKeyUpdateRequest nil, and req.RolesHash panics', () => {
    expect(() => parseKeyReqDecoder('{}\nnull\n')).toThrow(GoPanic);
  });
  it('APIKeyUpdate marshals with json.Marshal: HTML-safe strings, compacted roles', () => {
    expect(apiKeyUpdateBody('a<b', '{ "x" : "&" }', 'h')).toBe('{"id":"a\\u003cb","role_descriptors":{"x":"\\u0026"},"role_hash":"h"}');
  });
});
