/**
 * Upstream's integration tests that read back what they wrote, by their Go names
 * (`internal/pkg/bulk/bulk_integration_test.go` at dc8e230: `TestBulkIndex`,
 * `TestBulkUpdate`, `TestBulkSearch`, `TestBulkSearchWithIgnoreUnavailable`), run against
 * the fake Elasticsearch with `SetupIndexWithBulk`'s set-up (`setup_test.go`: the index
 * made with `testPolicy`'s mapping; the server-config bulk options applied after the
 * test's own, so `WithFlushThresholdCount(1)` is overridden). The sample is fixed where
 * upstream draws it at random.
 */
import { describe, expect, it } from 'vitest';
import { fakeWorld, runTest } from './testing/fake-world.ts';
import { DISTINCT_VARIANTS } from './variants.ts';

/** `testPolicy` (setup_test.go). */
const TEST_POLICY = {
  properties: {
    intval: { type: 'integer' },
    objval: { type: 'object' },
    boolval: { type: 'boolean' },
    kwval: { type: 'keyword' },
    binaryval: { type: 'binary' },
    dateval: { type: 'date' },
  },
};

/** `NewRandomSample()`, with fixed values. */
const SAMPLE = { intval: 1234567, objval: { substring: 'SillyName' }, boolval: true, kwval: 'BaldingWombat', binaryval: 'U2lsbHlOYW1l', dateval: '2026-08-21T10:00:00Z' };

/** `SetupIndexWithBulk`: a bulker on the fake and a fresh index with testPolicy's mapping. */
function setupIndexWithBulk(v: (typeof DISTINCT_VARIANTS)[number], options = {}) {
  const w = fakeWorld(v, { options });
  const index = 'c9l2a3b0test';
  const r = w.es.handle({ method: 'PUT', path: `/${index}`, query: {}, body: JSON.stringify({ mappings: TEST_POLICY }) });
  expect(r.status).toBe(200);
  return { w, index };
}

describe.each(DISTINCT_VARIANTS)('%s', (v) => {
  it('TestBulkIndex: Index with no id returns the generated id; Read gives the sample back', () => {
    const { w, index } = setupIndexWithBulk(v, { flushThresholdCnt: 1 });
    let got: unknown;
    const res = runTest(w, function* () {
      const id = yield* w.bulker.index(w.bg, index, '', JSON.stringify(SAMPLE));
      expect(id.err).toBeNull();
      expect(id.value).not.toBe('');
      const doc = yield* w.bulker.read(w.bg, index, id.value as string);
      expect(doc.err).toBeNull();
      got = JSON.parse(doc.value?._source ?? 'null');
    });
    expect(res.outcome.kind).toBe('ok');
    expect(got).toEqual(SAMPLE);
  });

  it('TestBulkUpdate: Create, Update {"doc": {"kwval": ...}} with WithRefresh, Read shows the new value', () => {
    const { w, index } = setupIndexWithBulk(v);
    let got: unknown;
    runTest(w, function* () {
      const id = yield* w.bulker.create(w.bg, index, '', JSON.stringify(SAMPLE));
      expect(id.err).toBeNull();
      // UpdateFields{"kwval": nVal}.Marshal() (helpers.go): {"doc": {...}}.
      const up = yield* w.bulker.update(w.bg, index, id.value as string, JSON.stringify({ doc: { kwval: 'funkycoldmedina' } }), { refresh: true });
      expect(up.err).toBeNull();
      got = JSON.parse((yield* w.bulker.read(w.bg, index, id.value as string)).value?._source ?? 'null');
    });
    expect(got).toEqual({ ...SAMPLE, kwval: 'funkycoldmedina' });
  });

  it('TestBulkSearch: Create with WithRefresh, then a term query on kwval finds exactly the sample', () => {
    const { w, index } = setupIndexWithBulk(v);
    let hits: readonly { _source?: string | undefined }[] = [];
    runTest(w, function* () {
      expect((yield* w.bulker.create(w.bg, index, '', JSON.stringify(SAMPLE), { refresh: true })).err).toBeNull();
      const r = yield* w.bulker.search(w.bg, index, `{"query": { "term": {"kwval": "${SAMPLE.kwval}"}}}`);
      expect(r.err).toBeNull();
      hits = r.value?.hits.hits ?? [];
    });
    expect(hits.length).toBe(1);
    expect(JSON.parse(hits[0]?._source ?? 'null')).toEqual(SAMPLE);
  });

  it('TestBulkSearchWithIgnoreUnavailable: a search of a missing index with WithIgnoreUnavailble has no error and no hits', () => {
    const { w } = setupIndexWithBulk(v);
    let out: { err: unknown; hits: number } | undefined;
    runTest(w, function* () {
      const r = yield* w.bulker.search(w.bg, '.fleet-policies-do-not-exists-yet', '{"query": { "term": {"kwval": "random"}}}', { ignoreUnavailable: true });
      out = { err: r.err, hits: r.value?.hits.hits.length ?? -1 };
    });
    expect(out).toEqual({ err: null, hits: 0 });
  });
});
