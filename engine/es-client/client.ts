/**
 * The ES client fleet-server builds with `es.NewClient` (go-elasticsearch v8 over
 * elastic-transport-go v8.9.0 over `net/http`), as the bulk engine sees it: every request
 * goes through `elastictransport.Client.Perform`'s retry loop (`elastictransport.go`
 * l.347–520 at v8.9.0), each attempt holds one of the client's connections
 * (`MaxConnsPerHost`) for its round trip, and the client's one `ExponentialBackOff` is
 * shared by all of its requests.
 *
 * The loop, as the code has it: an attempt's transport error is retried when
 * `RetryOnError` says so; a response is retried when its status is in `RetryOnStatus`
 * (its body is drained and closed unless it is the last attempt); then, whenever the
 * attempt is to be retried, even after the last one, the client waits
 * `RetryBackoff(attempt)` unless the request's context ends first (then that context's
 * error is returned). The request body is re-read for each attempt from the flush's own
 * buffer (`GetBody` of a `bytes.Reader`), which nothing else holds meanwhile.
 *
 * `lockBackoff` (hardened's `backoffLocked`) wraps `RetryBackoff` in a mutex, the smallest
 * fix of the data race on the shared backoff; the sharing (resets by other requests) stays.
 */
import { Mutex, onRecv, select, type Context, type GoError, type Proc, type Sim } from '../../sim/index.ts';
import type { HttpRequest, Transport, TransportResult } from '../transport.ts';
import { ExponentialBackOff } from './backoff.ts';
import { ConnLimit, MAX_CONNS_PER_HOST } from './conn-limit.ts';
import type { RetryPolicy } from './retry-policy.ts';

/** Counters of one client, for reports and the incident study. */
export interface ClientStats {
  requests: number;
  attempts: number;
  retries: number;
}

/** An ES client: a {@link Transport} with retries and a connection limit over the network's transport. */
export class EsClient implements Transport {
  /** The client's one backoff, shared by all its requests (null when the policy has none). */
  readonly backoff: ExponentialBackOff | null;
  /** `MaxConnsPerHost`. */
  readonly conns: ConnLimit;
  /** Counters. */
  readonly stats: ClientStats = { requests: 0, attempts: 0, retries: 0 };
  /** Hardened: the mutex around `RetryBackoff` (null upstream, where nothing locks the backoff). */
  private readonly backoffMu: Mutex | null;

  constructor(
    private readonly sim: Sim,
    /** The network (the `http.Transport` a request reaches once it has a connection). */
    private readonly network: Transport,
    /** Retry settings. */
    readonly policy: RetryPolicy,
    /** Name for traces. */
    readonly name = 'es-client',
    maxConnsPerHost = MAX_CONNS_PER_HOST,
    /** Lock `RetryBackoff` (hardened's `backoffLocked`). */
    lockBackoff = false,
  ) {
    this.backoff = policy.backoff === null ? null : new ExponentialBackOff(sim, policy.backoff, `${name}.backoff`);
    this.backoffMu = lockBackoff && this.backoff !== null ? new Mutex(sim, `${name}.backoffMu`) : null;
    this.conns = new ConnLimit(sim, maxConnsPerHost, name);
  }

  /** `Perform(req)`: the retry loop. */
  *roundTrip(ctx: Context, req: HttpRequest): Proc<TransportResult> {
    const p = this.policy;
    this.stats.requests++;
    let res!: TransportResult; // the loop runs at least once
    for (let i = 0; i <= p.maxRetries; i++) {
      res = yield* this.attempt(ctx, req);
      let retry = false;
      if (res.kind === 'error') retry = !p.disabled && (p.retryOnError === null || p.retryOnError(res.error));
      else retry = !p.disabled && p.retryOnStatus.includes(res.status);
      if (!retry) break;
      this.stats.retries++;
      const what = res.kind === 'error' ? res.error.message : `status ${res.status}`;
      if (this.backoff === null) {
        this.sim.note(`${this.name}: ${req.path} attempt ${i + 1} failed (${what}); retrying at once`);
        continue;
      }
      // `RetryBackoff(i + 1)`: attempt 1 resets the shared backoff.
      if (this.backoffMu !== null) yield* this.backoffMu.lock();
      if (i === 0) this.backoff.reset();
      const wait = this.backoff.nextBackOff();
      if (this.backoffMu !== null) yield* this.backoffMu.unlock();
      this.sim.note(`${this.name}: ${req.path} attempt ${i + 1} failed (${what}); backoff ${wait} µs`);
      const t = this.sim.newTimer(wait, `${this.name}.backoff`);
      const r = yield* select([onRecv(ctx.done()), onRecv(t.C)]);
      if (r.index === 0) {
        t.stop();
        // esapi's Do returns (nil, err) whenever Perform returned an error.
        return { kind: 'error', error: ctx.err() as GoError };
      }
    }
    return res;
  }

  /** One attempt: a connection (waited for within `ctx`), then the round trip. */
  private *attempt(ctx: Context, req: HttpRequest): Proc<TransportResult> {
    const err = yield* this.conns.acquire(ctx);
    if (err !== null) return { kind: 'error', error: err };
    this.stats.attempts++;
    try {
      return yield* this.network.roundTrip(ctx, req);
    } finally {
      this.conns.release();
    }
  }
}
