/**
 * `APIKeyAuth` (spec §1.3): a direct Elasticsearch call that bypasses the queue engine. It
 * acquires the bulker's `apikeyLimit` semaphore with the CALLER's ctx (x/sync's Acquire fails
 * at once on a done ctx, even with a free slot), then calls `_security/_authenticate`
 * (`apikey.APIKey.Authenticate`, `internal/pkg/apikey/auth.go` at dc8e230) and returns its
 * errors with upstream's texts: `apikey auth request <id>: <err>` for a failed request,
 * `unauthorized: ...` (401) and `elasticsearch auth limit: ...` (429) wrapping their
 * sentinels and naming `res.String()`, `es.TranslateError(status, nil)` for any other
 * error status (the body is not parsed), `apikey auth parse <id>: <err>` for a body the
 * json.Decoder rejects. Policy-token short-cuts and the Authorization header are not modelled.
 */
import { GoError, WrappingError, type Context, type Proc, type Weighted } from '../sim/index.ts';
import { decodeFirst } from './decode/go-decode.ts';
import type { GoType } from './decode/go-json.ts';
import { openResponseString } from './es-client/response-string.ts';
import type { Transport } from './transport.ts';
import { fail, ok, type Result } from './op-options.ts';
import { translateError } from './translate-error.ts';

/** `apikey.ErrUnauthorized`. */
export const ErrUnauthorized = new GoError('unauthorized');
/** `apikey.ErrElasticsearchAuthLimit`. */
export const ErrElasticsearchAuthLimit = new GoError('elasticsearch auth limit');

/**
 * `SecurityInfo` as far as the model reads it: `username` is typed as Go's; `enabled`
 * (a bool, which these decoders do not type) is read from the decoded value, and the other
 * fields are `any`, so only a syntax error or a non-object fails the decode.
 */
const SECURITY_INFO: GoType = {
  kind: 'struct',
  name: 'SecurityInfo',
  printed: 'apikey.SecurityInfo',
  fields: { username: { kind: 'string' }, enabled: { kind: 'any' } },
};

/** An agent's API key (`apikey.APIKey`): id and secret. */
export interface APIKey {
  readonly id: string;
  readonly key: string;
}

/** What `_security/_authenticate` answers, reduced to what the model needs (`SecurityInfo`). */
export interface SecurityInfo {
  readonly username: string;
  readonly enabled: boolean;
}

/** What a direct call needs from a bulker: its semaphore and its own ES client. */
export interface DirectCaller {
  readonly apikeyLimit: Weighted;
  readonly transport: Transport;
}

/** `APIKeyAuth(ctx, key)`: Acquire(ctx) first, then one GET, then Release. */
export function* apiKeyAuth(b: DirectCaller, ctx: Context, key: APIKey): Proc<Result<SecurityInfo>> {
  const err = yield* b.apikeyLimit.acquire(ctx, 1);
  if (err !== null) return fail(err);
  try {
    const res = yield* b.transport.roundTrip(ctx, { method: 'GET', path: '/_security/_authenticate', query: {}, body: '' });
    if (res.kind === 'error') return fail(new WrappingError(`apikey auth request ${key.id}: ${res.error.message}`, res.error));
    if (res.status > 299) {
      const sentinel = res.status === 401 ? ErrUnauthorized : res.status === 429 ? ErrElasticsearchAuthLimit : null;
      if (sentinel !== null) return fail(new WrappingError(`${sentinel.message}: apikey auth response ${key.id}: ${openResponseString(res.status, res.body)}`, sentinel));
      // "body is not parsed to not give the caller too much information"
      return fail(translateError(res.status, undefined) ?? new GoError(`status ${res.status}`));
    }
    const d = decodeFirst(res.body, SECURITY_INFO);
    if (d.err !== null) return fail(new WrappingError(`apikey auth parse ${key.id}: ${d.err.message}`, d.err));
    const info = d.value as { username: string; enabled: unknown };
    return ok({ username: info.username, enabled: info.enabled === true });
  } finally {
    b.apikeyLimit.release(1);
  }
}
