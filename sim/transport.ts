/**
 * The simulated HTTP transport between the system under test and the fake
 * Elasticsearch: a request goes out as method, path, query and body bytes, and comes
 * back as a status and body bytes, or as a transport error (connection reset, or the
 * caller's context ending first).
 */
import type { Context } from './context.ts';
import type { Proc } from './effects.ts';
import type { GoError } from './errors.ts';

/** A request exactly as it would go over HTTP. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Body bytes as UTF-8 text; '' when none. */
  readonly body: string;
}

/** What came back. */
export type TransportResult =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  | { readonly kind: 'error'; readonly error: GoError };

/** A transport usable from simulated tasks: `const r = yield* transport.roundTrip(ctx, req)`. */
export interface Transport {
  roundTrip(ctx: Context, req: HttpRequest): Proc<TransportResult>;
}
