/**
 * `APIKeyAuth` (spec §1.3): a direct Elasticsearch call that bypasses the queue engine. It
 * acquires the bulker's `apikeyLimit` semaphore with the CALLER's ctx (x/sync's Acquire fails
 * at once on a done ctx, even with a free slot), then calls `_security/_authenticate`.
 * Policy-token short-cuts and the Authorization header are not modelled.
 */
import { GoError, type Context, type Proc, type Weighted } from '../sim/index.ts';
import type { Transport } from './transport.ts';
import { fail, ok, type Result } from './op-options.ts';
import { parseError } from './translate-error.ts';

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
export function* apiKeyAuth(b: DirectCaller, ctx: Context, _key: APIKey): Proc<Result<SecurityInfo>> {
  const err = yield* b.apikeyLimit.acquire(ctx, 1);
  if (err !== null) return fail(err);
  try {
    const res = yield* b.transport.roundTrip(ctx, { method: 'GET', path: '/_security/_authenticate', query: {}, body: '' });
    if (res.kind === 'error') return fail(res.error);
    if (res.status > 299) return fail(parseError(res.status, res.body));
    try {
      const o = JSON.parse(res.body) as Record<string, unknown>;
      return ok({ username: typeof o['username'] === 'string' ? o['username'] : '', enabled: o['enabled'] !== false });
    } catch (e) {
      return fail(new GoError(`apikey auth: ${e instanceof Error ? e.message : String(e)}`));
    }
  } finally {
    b.apikeyLimit.release(1);
  }
}
