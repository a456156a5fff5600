/** Request bodies byte for byte (spec §3.3–3.7). */
import { describe, expect, it } from 'vitest';
import { sleep, withCancel } from '../sim/index.ts';
import { Action } from './block.ts';
import { apiKeyBulkUpdateBody } from './flush-apikey.ts';
import { mgetBody } from './flush-read.ts';
import { apiKeyUpdateBody, bulkBodyLine, bulkMetaLine } from './ops-bulk.ts';
import { mgetFragment } from './ops-read.ts';
import { msearchHeader } from './ops-search.ts';
import { go, world } from './testing/harness.ts';

describe('bulk lines', () => {
  it('meta line with id, retry and index in that order', () => {
    expect(bulkMetaLine('create', 'idx', 'abc')).toBe('{"create":{"_id":"abc","_index":"idx"}}\n');
    expect(bulkMetaLine('update', 'idx', 'abc', 3)).toBe('{"update":{"_id":"abc","retry_on_conflict":3,"_index":"idx"}}\n');
    expect(bulkMetaLine('index', 'idx', '')).toBe('{"index":{"_index":"idx"}}\n');
    expect(bulkMetaLine('update_api_key', '', 'k1')).toBe('{"update_api_key":{"_id":"k1","_index":""}}\n');
  });
  it('body line: verbatim, {} when empty, nothing for delete', () => {
    expect(bulkBodyLine(Action.create, '{"a":1}')).toBe('{"a":1}\n');
    expect(bulkBodyLine(Action.index, null)).toBe('{}\n');
    expect(bulkBodyLine(Action.delete, null)).toBe('');
  });
  it('api key body line', () => {
    expect(apiKeyUpdateBody('k1', '{"r":{}}', 'h1')).toBe('{"id":"k1","role_descriptors":{"r":{}},"role_hash":"h1"}');
    expect(apiKeyBulkUpdateBody(['a', 'b'], '{"r":{}}')).toBe('{"ids":["a","b"],"role_descriptors":{"r":{}}}');
  });
});

describe('mget', () => {
  it('fragment and wrapper', () => {
    expect(mgetFragment('.fleet-agents', 'a1')).toBe('{"_index":".fleet-agents","_id":"a1"},');
    expect(mgetBody('{"_index":"i","_id":"2"},{"_index":"i","_id":"1"},')).toBe('{"docs": [{"_index":"i","_id":"2"},{"_index":"i","_id":"1"}]}');
  });
});

describe('msearch header', () => {
  // Bytes confirmed against upstream writeMsearchMeta (elastic/fleet-server
  // internal/pkg/bulk/opSearch.go at 05f4253fe135 and the later enroll-queue version):
  // "," with no space before "ignore_unavailable"; "," then a space before
  // "wait_for_checkpoints" (a lone leading space when nothing precedes it); checkpoints as
  // sqn.SeqNo.JSONString, i.e. "[1,2,3]" with no spaces.
  it('variants', () => {
    expect(msearchHeader('idx')).toBe('{"index": "idx"}\n');
    expect(msearchHeader('')).toBe('{}\n');
    expect(msearchHeader('a', { indices: ['b', 'c'] })).toBe('{"index": ["a","b","c"]}\n');
    expect(msearchHeader('idx', { ignoreUnavailable: true })).toBe('{"index": "idx","ignore_unavailable": true}\n');
    expect(msearchHeader('', { ignoreUnavailable: true })).toBe('{"ignore_unavailable": true}\n');
    expect(msearchHeader('idx', { waitForCheckpoints: [4, 7] })).toBe('{"index": "idx", "wait_for_checkpoints": [4,7]}\n');
    expect(msearchHeader('', { waitForCheckpoints: [1] })).toBe('{ "wait_for_checkpoints": [1]}\n');
    expect(msearchHeader('idx', { ignoreUnavailable: true, waitForCheckpoints: [1] })).toBe('{"index": "idx","ignore_unavailable": true, "wait_for_checkpoints": [1]}\n');
    expect(msearchHeader('', { ignoreUnavailable: true, waitForCheckpoints: [1, 2, 3] })).toBe('{"ignore_unavailable": true, "wait_for_checkpoints": [1,2,3]}\n');
    expect(msearchHeader('a', { indices: ['b'], ignoreUnavailable: true, waitForCheckpoints: [-1] })).toBe('{"index": ["a","b"],"ignore_unavailable": true, "wait_for_checkpoints": [-1]}\n');
  });
  it('every header is valid JSON once the spacing is ignored', () => {
    for (const o of [{}, { ignoreUnavailable: true }, { waitForCheckpoints: [1] }, { ignoreUnavailable: true, waitForCheckpoints: [1, 2] }]) {
      for (const idx of ['', 'idx']) expect(() => JSON.parse(msearchHeader(idx, o))).not.toThrow();
    }
  });
});

describe('flushed requests (newest first, as Run links them)', () => {
  it('bulk, mget, msearch, fleet msearch, refresh queues', () => {
    const w = world('upstream', { options: { flushInterval: 1000 }, start: true });
    const [ctx, cancel] = withCancel(w.bg);
    go(w.sim, 'bulker.run', () => w.bulker.run(ctx));
    const r: unknown[] = [];
    go(w.sim, 'c1', function* () {
      r.push(yield* w.bulker.create(w.bg, 'i', '1', '{"a":1}'));
    });
    go(w.sim, 'c2', function* () {
      r.push(yield* w.bulker.delete(w.bg, 'i', '2'));
    });
    go(w.sim, 'c3', function* () {
      r.push(yield* w.bulker.read(w.bg, 'i', '3'));
    });
    go(w.sim, 'c4', function* () {
      r.push(yield* w.bulker.read(w.bg, 'i', '4', { refresh: true }));
    });
    go(w.sim, 'c5', function* () {
      r.push(yield* w.bulker.search(w.bg, 'i', '{"q":1}'));
    });
    go(w.sim, 'c6', function* () {
      r.push(yield* w.bulker.search(w.bg, 'i', '{"q":2}', { waitForCheckpoints: [5] }));
    });
    go(w.sim, 'c7', function* () {
      r.push(yield* w.bulker.update(w.bg, 'i', '8', '{"doc":{}}', { refresh: true, retryOnConflict: 3 }));
    });
    w.sim.spawn('stopper', function* () {
      yield* sleep(5000);
      cancel();
    });
    const res = w.sim.run();
    expect(res.outcome.kind).toBe('ok');
    expect(r.every((x) => (x as { err: unknown }).err === null)).toBe(true);
    const byPath = Object.fromEntries(w.es.requests.map((q) => [`${q.path}${q.query['refresh'] ? '?refresh' : ''}`, q.body]));
    const del = '{"delete":{"_id":"2","_index":"i"}}\n';
    const cre = '{"create":{"_id":"1","_index":"i"}}\n{"a":1}\n';
    expect([del + cre, cre + del]).toContain(byPath['/_bulk']);
    expect(byPath['/_mget']).toBe('{"docs": [{"_index":"i","_id":"3"}]}');
    expect(byPath['/_mget?refresh']).toBe('{"docs": [{"_index":"i","_id":"4"}]}');
    expect(byPath['/_msearch']).toBe('{"index": "i"}\n{"q":1}\n');
    expect(byPath['/_fleet/_fleet_msearch']).toBe('{"index": "i", "wait_for_checkpoints": [5]}\n{"q":2}\n');
    expect(byPath['/_bulk?refresh']).toBe('{"update":{"_id":"8","retry_on_conflict":3,"_index":"i"}}\n{"doc":{}}\n');
    // doFlush visits queues in enumeration order.
    expect(res.taskNames.filter((n) => n.startsWith('flush-'))).toEqual([
      'flush-1-bulk',
      'flush-2-read',
      'flush-3-search',
      'flush-4-fleetSearch',
      'flush-5-refreshBulk',
      'flush-6-refreshRead',
    ]);
    expect(w.bulker.pool.finish()).toEqual([]);
  });
});

