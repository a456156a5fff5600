/**
 * A write that lands and is then retried (issue #17 item 1): Elasticsearch applies a
 * `_bulk`, the connection resets (or a proxy answers 504) before the answer reaches the
 * client, and `applyDefaultOptions`' retry (`internal/pkg/es/client.go`,
 * `WithRetryOnErrs(ECONNREFUSED, ECONNRESET)`, `WithRetryOnStatus(504)`) sends it again:
 * an index lands twice (its version moves twice; a partial update's second landing is a
 * noop, as `detect_noop` makes it), a create's retry answers 409 for the
 * document its first attempt created, and the caller reports a version conflict.
 */
import { describe, expect, it } from 'vitest';
import { FaultProfileSchema } from '../../elasticsearch/faults/index.ts';
import { ErrElasticVersionConflict } from '../errors.ts';
import { fakeWorld, runTest } from '../testing/fake-world.ts';
import { EsClient } from './client.ts';
import { APPLY_DEFAULT_OPTIONS } from './retry-policy.ts';

const APPLIED_THEN = (kind: 'appliedThenReset' | 'appliedThen504Html') => FaultProfileSchema.parse({ request: { [kind]: 1000 } });

describe.each(['appliedThenReset', 'appliedThen504Html'] as const)('%s', (kind) => {
  it('a retried create lands once and answers 409: the caller gets ErrElasticVersionConflict for its own document', () => {
    const w = fakeWorld('upstream', { wrap: (t, _bg, sim) => new EsClient(sim, t, APPLY_DEFAULT_OPTIONS) });
    w.es.handle({ method: 'PUT', path: '/i', query: {}, body: '' });
    let err: unknown;
    const res = runTest(w, function* () {
      w.profile = APPLIED_THEN(kind);
      const r = w.bulker.create(w.bg, 'i', 'doc-1', '{"a":1}');
      // The flush (at 250 ms) lands and fails; heal the network before its retry (after a backoff of at least 250 ms).
      w.sim.schedule(400_000, 'heal', () => {
        w.profile = FaultProfileSchema.parse({});
      });
      err = (yield* r).err;
    });
    expect(res.outcome.kind).toBe('ok');
    expect(err).toBe(ErrElasticVersionConflict);
    expect(w.es.getDocument('i', 'doc-1')).toMatchObject({ source: { a: 1 }, version: 1 });
  });

  it('a retried index lands twice: the document\'s version moves by two for one acknowledged call', () => {
    const w = fakeWorld('upstream', { wrap: (t, _bg, sim) => new EsClient(sim, t, APPLY_DEFAULT_OPTIONS) });
    w.es.handle({ method: 'PUT', path: '/i/_doc/doc-2', query: { refresh: 'true' }, body: '{"a":0}' });
    let err: unknown = 'unset';
    runTest(w, function* () {
      w.profile = APPLIED_THEN(kind);
      w.sim.schedule(400_000, 'heal', () => {
        w.profile = FaultProfileSchema.parse({});
      });
      err = (yield* w.bulker.index(w.bg, 'i', 'doc-2', '{"a":1}')).err;
    });
    expect(err).toBeNull();
    expect(w.es.getDocument('i', 'doc-2')).toMatchObject({ source: { a: 1 }, version: 3 });
  });
});
