/**
 * The engine's own decoders read every response shape the fake Elasticsearch emits exactly
 * as the fake's strict schemas describe it: same success or failure, same items, same
 * statuses, same raw errors. The two sides share no code (the engine never imports the
 * fake's schemas), so this is where a lenient schema on one side would show.
 */
import { describe, expect, it } from 'vitest';
import { chooseBulkItem, decodeBulkResponse, decodeMgetResponse, decodeMsearchResponse } from '../engine/index.ts';
import { FakeElasticsearch, type ItemFaultKind } from '../elasticsearch/index.ts';
import { BulkResponseSchema, MgetResponseSchema, MsearchResponseSchema } from '../elasticsearch/schemas/index.ts';

/** A raw error as a value (the engine keeps the bytes; the schema reorders known keys first). */
const parsed = (raw: string | undefined): unknown => (raw === undefined ? undefined : JSON.parse(raw));

const FAULTS: readonly (ItemFaultKind | undefined)[] = [undefined, 'conflict409', 'rejected429', 'unavailable503'];

/** A store with one index and a few documents, then the requests the engine sends. */
function responses(): { path: string; body: string }[] {
  const es = new FakeElasticsearch();
  const post = (path: string, body: string, refresh = false, fault?: ItemFaultKind) =>
    es.handleWithHooks({ method: 'POST', path, query: refresh ? { refresh: 'true' } : {}, body }, fault ? { bulkItemFault: () => fault, msearchItemFault: () => fault } : {});
  const out: { path: string; body: string }[] = [];
  const keep = (path: string, body: string, refresh = false, fault?: ItemFaultKind) => out.push({ path, body: post(path, body, refresh, fault).body });
  const ndjson = (...lines: object[]) => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
  for (const fault of FAULTS) {
    keep('/_bulk', ndjson({ create: { _index: 'a', _id: '1' } }, { n: 1 }, { index: { _index: 'a', _id: '2' } }, { n: 2 }, { update: { _index: 'a', _id: '1' } }, { doc: { n: 3 } }, { delete: { _index: 'a', _id: '9' } }), true, fault);
    keep('/_bulk', ndjson({ create: { _index: 'a', _id: '1' } }, { n: 1 }, { update: { _index: 'a', _id: 'missing' } }, { doc: {} }, { update: { _index: 'a', _id: '2', retry_on_conflict: 3 } }, { doc: { x: 'é"\\' } }), false, fault);
    keep('/_msearch', ndjson({ index: 'a' }, { query: { match_all: {} } }, { index: 'nope' }, { query: { match_all: {} } }, { index: 'a', ignore_unavailable: true }, { query: { term: { n: 2 } }, size: 1 }), false, fault);
    keep('/_fleet/_fleet_msearch', ndjson({ index: 'a', wait_for_checkpoints: [0] }, { query: { match_all: {} } }), false, fault);
  }
  keep('/_mget', '{"docs": [{"_index":"a","_id":"1"},{"_index":"a","_id":"404"},{"_index":"nope","_id":"1"}]}');
  keep('/_mget', '{"docs": [{"_index":"a","_id":"2"}]}', true);
  return out;
}

describe('the engine reads what the fake emits as the fake’s strict schemas do', () => {
  const all = responses();
  it.each(all.map((r, i) => [i, r.path, r.body] as const))('#%i %s', (_i, path, body) => {
    for (const cut of [body, body.slice(0, Math.floor(body.length / 2))]) {
      const json = (() => {
        try {
          return JSON.parse(cut) as unknown;
        } catch {
          return undefined;
        }
      })();
      if (path === '/_bulk') {
        const strict = BulkResponseSchema.safeParse(json);
        const mine = decodeBulkResponse(cut);
        expect(mine.err === null).toBe(strict.success);
        if (!strict.success || mine.err !== null) continue;
        expect(mine.value.took).toBe(strict.data.took);
        expect(mine.value.errors).toBe(strict.data.errors);
        expect(
          mine.value.items.map((it) => {
            const v = chooseBulkItem(it);
            return v === null ? null : { ...v, error: parsed(v.error) };
          }),
        ).toEqual(
          strict.data.items.map((it) => {
            const v = it.update ?? it.create ?? it.index ?? it.delete;
            return v === undefined ? null : { _id: v._id ?? '', status: v.status, error: v.error };
          }),
        );
      } else if (path === '/_mget') {
        const strict = MgetResponseSchema.safeParse(json);
        const mine = decodeMgetResponse(cut);
        expect(mine.err === null).toBe(strict.success);
        if (!strict.success || mine.err !== null) continue;
        // Upstream's generated decoder reads only found and _source (mget-response.ts).
        expect(mine.value.docs.map((d) => [d._id, d.found, d._version, d._seq_no, d._source])).toEqual(
          strict.data.docs.map((d) => ['', d.found === true, 0, 0, d._source === undefined ? undefined : JSON.stringify(d._source)]),
        );
      } else {
        const strict = MsearchResponseSchema.safeParse(json);
        const mine = decodeMsearchResponse(cut);
        expect(mine.err === null).toBe(strict.success);
        if (!strict.success || mine.err !== null) continue;
        expect(mine.value.responses.map((r) => [r.status, parsed(r.error), r.hits.hits.map((h) => h._id)])).toEqual(
          strict.data.responses.map((r) => [r.status, r.error, (r.hits?.hits ?? []).map((h) => h._id)]),
        );
      }
    }
  });

  it('covers item errors, not-found docs and failed searches', () => {
    const text = all.map((r) => r.body).join('\n');
    for (const marker of ['version_conflict_engine_exception', 'es_rejected_execution_exception', 'document_missing_exception', '"found":false', 'index_not_found_exception', 'search_phase_execution_exception']) expect(text).toContain(marker);
  });
});
