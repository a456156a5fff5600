/**
 * The transport the engine needs to reach Elasticsearch (upstream: the go-elasticsearch
 * client's `esapi` requests over `http.Transport`). A request goes out as it would over
 * HTTP (method, path, query, body text) and comes back as a status and body text, or as a
 * transport error (a reset connection, a header timeout, or the caller's context ending
 * first). Whatever simulates Elasticsearch implements this shape; the engine knows nothing
 * else about it.
 */
import type { Context, GoError, Proc } from '../sim/index.ts';

/** A request exactly as it would go over HTTP. */
export interface HttpRequest {
  /** HTTP method. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** URL path, e.g. `/_bulk`. */
  readonly path: string;
  /** Query-string parameters, e.g. `{ refresh: 'true' }`. */
  readonly query: Readonly<Record<string, string>>;
  /** Body as UTF-8 text; '' when none. */
  readonly body: string;
}

/** What came back: an HTTP response (any status), or the error the client returned instead. */
export type TransportResult =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  | { readonly kind: 'error'; readonly error: GoError };

/** A transport usable from simulated tasks: `const r = yield* transport.roundTrip(ctx, req)`. */
export interface Transport {
  /** Sends `req` and waits for its result; the result is an error once `ctx` ends first. */
  roundTrip(ctx: Context, req: HttpRequest): Proc<TransportResult>;
}
