/**
 * The error-mapping oracle of the integration tests (spec §7.6), against the real Bulker on
 * the fake Elasticsearch, configured as SetupBulk does. Each case also asserts the block's
 * fate per variant (the stronger assertion the Go tests cannot make).
 */
import { describe, expect, it } from 'vitest';
import { ms, sec, WaitGroup, type GoError } from '../sim/index.ts';
import { ErrElastic, ErrElasticNotFound, ErrEnrollDuplicate, ErrInvalidBody, ErrNoQuotes } from './errors.ts';
import { fate } from './testing/harness.ts';
import { fakeWorld, runTest } from './testing/fake-world.ts';
import { VARIANT_NAMES, VARIANTS, type VariantName } from './variants.ts';

const INDEX = '.fleet-test';

/** Fate of a block the engine answered with an error: upstream keeps it (V4–V6), hardened frees it. */
const errFate = (v: VariantName): string => (VARIANTS[v].freeOnErrorResponse ? 'freed by caller' : 'leak (answered)');
/** Fate after a validation error: upstream never frees (V1), hardened does. */
const valFate = (v: VariantName): string => (VARIANTS[v].freeOnValidationError ? 'freed by caller' : 'leak (acquired)');

/** One Create against the fake; its error and the fate of its (fresh) block 0. */
function createOnce(v: VariantName, index: string, id: string, body: string | null): { err: GoError | null | undefined; fate: string; clean: boolean } {
  const w = fakeWorld(v, { options: { flushThresholdCnt: 1 } });
  let err: GoError | null | undefined;
  const res = runTest(w, function* () {
    err = (yield* w.bulker.create(w.bg, index, id, body)).err;
  });
  expect(res.outcome.kind).toBe('ok');
  const leaks = w.bulker.pool.finish().filter((x) => x.kind === 'leak').length;
  return { err, fate: fate(w.bulker, 0), clean: leaks === 0 };
}

function expectElastic(err: GoError | null | undefined, status: number, type: string): void {
  expect(err).toBeInstanceOf(ErrElastic);
  expect((err as ErrElastic).status).toBe(status);
  expect((err as ErrElastic).type).toBe(type);
}

describe.each(VARIANT_NAMES)('%s: TestBulkCreate', (v) => {
  it('id containing a double quote → ErrNoQuotes', () => {
    const r = createOnce(v, INDEX, '"doublequotes"', '{"a":1}');
    expect(r.err).toBe(ErrNoQuotes);
    expect(r.fate).toBe(valFate(v));
  });
  it.each([['empty', ''], ['UPPERCASE', 'UPPERCASE'], ['_nope', '_nope']])('%s index → 400 invalid_index_name_exception', (_n, index) => {
    const r = createOnce(v, index, '', '{"a":1}');
    expectElastic(r.err, 400, 'invalid_index_name_exception');
    expect(r.fate).toBe(errFate(v));
    expect(r.clean).toBe(v === 'hardened');
  });
  it('the server-config threshold wins over WithFlushThresholdCount(1): the flush waits for the 250 ms timer', () => {
    const w = fakeWorld(v, { options: { flushThresholdCnt: 1 } });
    let at = 0;
    runTest(w, function* () {
      yield* w.bulker.create(w.bg, INDEX, 'x', '{"a":1}');
      at = w.sim.now;
    });
    expect(w.bulker.opts.flushThresholdCnt).toBe(2048);
    expect(at).toBe(251_000);
  });
});

describe.each(VARIANT_NAMES)('%s: TestBulkCreateBody', (v) => {
  it('nil body → ok ({} is sent)', () => {
    const r = createOnce(v, INDEX, '', null);
    expect(r.err).toBeNull();
    expect(r.fate).toBe('freed by caller');
    expect(r.clean).toBe(true);
  });
  it('{nope} → ErrInvalidBody', () => {
    const r = createOnce(v, INDEX, '', '{nope}');
    expect(r.err).toBe(ErrInvalidBody);
    expect(r.fate).toBe(valFate(v));
  });
});

describe.each(VARIANT_NAMES)('%s: TestBulkDelete', (v) => {
  it('Read after delete → ErrElasticNotFound; second delete → ErrElastic 404', () => {
    const w = fakeWorld(v);
    const errs: (GoError | null)[] = [];
    const res = runTest(w, function* () {
      const id = yield* w.bulker.create(w.bg, INDEX, '', '{"a":1}');
      errs.push(id.err);
      errs.push((yield* w.bulker.delete(w.bg, INDEX, id.value ?? '')).err);
      errs.push((yield* w.bulker.read(w.bg, INDEX, id.value ?? '')).err);
      errs.push((yield* w.bulker.delete(w.bg, INDEX, id.value ?? '')).err);
    });
    expect(res.outcome.kind).toBe('ok');
    expect(errs.slice(0, 2)).toEqual([null, null]);
    expect(errs[2]).toBe(ErrElasticNotFound);
    expect(errs[3]).toBeInstanceOf(ErrElastic);
    expect((errs[3] as ErrElastic).status).toBe(404);
    // Create and delete reuse block 0; the failed read holds it (upstream), so the second delete takes block 1.
    const leaks = w.bulker.pool.finish().filter((x) => x.kind === 'leak');
    if (v === 'hardened') expect(leaks).toEqual([]);
    else {
      expect(leaks.length).toBe(2);
      expect([fate(w.bulker, 0), fate(w.bulker, 1)]).toEqual([errFate(v), errFate(v)]);
    }
  });
});

describe.each(['upstream', 'hardened'] as const)('%s: TestEnrollSearchDedup', (v) => {
  it('10 concurrent searches with one dedupe key in one batch → 1 success, 9 ErrEnrollDuplicate', () => {
    // The test's enroll options (threshold 11, 300 ms) are overridden by the config's 50 / 1 s.
    const w = fakeWorld(v, { options: { enrollFlushThresholdCnt: 11, enrollFlushInterval: ms(300) } });
    const errs: (GoError | null)[] = [];
    let flushedAt = 0;
    const res = runTest(w, function* () {
      expect((yield* w.bulker.create(w.bg, INDEX, '', '{"kwval":"x"}', { refresh: true })).err).toBeNull();
      const start = w.sim.now;
      const wg = new WaitGroup(w.sim, 'searches');
      yield* wg.add(10);
      for (let i = 0; i < 10; i++) {
        w.sim.spawn(`search-${i}`, function* () {
          const r = yield* w.bulker.search(w.bg, INDEX, '{"query":{"match_all":{}}}', { dedupeKey: 'test-enrollment-id-dedup', refreshIndex: INDEX });
          errs.push(r.err);
          yield* wg.done();
        });
      }
      yield* wg.wait();
      flushedAt = w.sim.now - start;
    });
    expect(res.outcome.kind).toBe('ok');
    expect(flushedAt).toBeGreaterThanOrEqual(sec(1));
    expect(errs.filter((e) => e === null).length).toBe(1);
    expect(errs.filter((e) => e === ErrEnrollDuplicate).length).toBe(9);
    const leaks = w.bulker.pool.finish().filter((x) => x.kind === 'leak');
    // Upstream: the canonical is freed by its caller, the 9 duplicates keep their blocks (V6).
    expect(leaks.length).toBe(v === 'hardened' ? 0 : 9);
    const fates = w.bulker.pool.resources.map((_b, i) => fate(w.bulker, i));
    expect(fates.filter((f) => f === 'freed by caller').length).toBe(v === 'hardened' ? fates.length : fates.length - 9);
  });
});
