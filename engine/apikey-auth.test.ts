/**
 * `APIKeyAuth`'s errors as `apikey.APIKey.Authenticate` makes them
 * (`internal/pkg/apikey/auth.go` at dc8e230): the request error wrapped with the key id,
 * 401 and 429 as their sentinels plus `res.String()`, any other error status through
 * `es.TranslateError(status, nil)` without reading the body, a decode error wrapped.
 */
import { describe, expect, it } from 'vitest';
import { background, ECONNRESET, errorsIs, RandomWalk, Sim, Weighted, type GoError } from '../sim/index.ts';
import { apiKeyAuth, ErrElasticsearchAuthLimit, ErrUnauthorized } from './apikey-auth.ts';
import type { TransportResult } from './transport.ts';

function auth(result: TransportResult): { err: GoError | null; value: unknown } {
  const sim = new Sim({ strategy: new RandomWalk(1) });
  const caller = { apikeyLimit: new Weighted(sim, 120), transport: { *roundTrip() { return result; } } };
  let out: { err: GoError | null; value: unknown } = { err: null, value: undefined };
  sim.spawn('checkin', function* () {
    const r = yield* apiKeyAuth(caller, background(sim), { id: 'key-1', key: 's' });
    out = { err: r.err, value: r.value };
  });
  expect(sim.run().outcome.kind).toBe('ok');
  return out;
}

describe('APIKeyAuth (apikey/auth.go Authenticate)', () => {
  it('a failed request: "apikey auth request <id>: %w"', () => {
    const { err } = auth({ kind: 'error', error: ECONNRESET });
    expect(err?.message).toBe('apikey auth request key-1: connection reset by peer');
    expect(errorsIs(err, ECONNRESET)).toBe(true);
  });

  it('401 and 429: the sentinel, then "apikey auth response <id>: " and res.String() of the open body', () => {
    const body = '{"error":{"type":"security_exception"},"status":401}';
    const u = auth({ kind: 'response', status: 401, body }).err;
    expect(u?.message).toBe(`unauthorized: apikey auth response key-1: [401 Unauthorized] ${body}`);
    expect(errorsIs(u, ErrUnauthorized)).toBe(true);
    const l = auth({ kind: 'response', status: 429, body: '' }).err;
    expect(l?.message).toBe('elasticsearch auth limit: apikey auth response key-1: [429 Too Many Requests] ');
    expect(errorsIs(l, ErrElasticsearchAuthLimit)).toBe(true);
  });

  it('another error status: es.TranslateError(status, nil), the body not parsed', () => {
    const { err } = auth({ kind: 'response', status: 503, body: '{"error":{"type":"unavailable_shards_exception","reason":"x"}}' });
    expect(err?.message).toBe('elastic fail 503'); // ErrElastic.Error() leaves out empty Type and Reason
  });

  it('a body the decoder rejects: "apikey auth parse <id>: %w"; a good one gives the user', () => {
    expect(auth({ kind: 'response', status: 200, body: '<html>' }).err?.message).toBe("apikey auth parse key-1: invalid character '<' looking for beginning of value");
    expect(auth({ kind: 'response', status: 200, body: '{"username":"u","enabled":true}' }).value).toEqual({ username: 'u', enabled: true });
  });
});
