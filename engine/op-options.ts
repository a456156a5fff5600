/**
 * Per-call options (`opt.go`: WithRefresh, WithRetryOnConflict, WithWaitForCheckpoints,
 * WithIgnoreUnavailable, WithIndex, C: WithDedupeKey and the refresh index) and the
 * `Result` shape every public operation returns.
 */
import type { GoError } from '../sim/index.ts';

/** Options of one call. */
export interface OpOptions {
  /** `WithRefresh()`: routes to the refresh queues. */
  readonly refresh?: boolean;
  /** `WithRetryOnConflict(n)`. */
  readonly retryOnConflict?: number;
  /** `WithWaitForCheckpoints(...)`: a search becomes a fleet search. */
  readonly waitForCheckpoints?: readonly number[];
  /** `WithIgnoreUnavailable()`. */
  readonly ignoreUnavailable?: boolean;
  /** `WithIndex(...)`: extra indices for a search header. */
  readonly indices?: readonly string[];
  /** C: `WithDedupeKey(k)`: a search with a key goes to the enroll queue. */
  readonly dedupeKey?: string;
  /** C: index refreshed before the enroll msearch. */
  readonly refreshIndex?: string;
}

/** A Go `(T, error)` pair. */
export type Result<T> = { readonly err: null; readonly value: T } | { readonly err: GoError; readonly value?: undefined };

/** A successful result. */
export function ok<T>(value: T): Result<T> {
  return { err: null, value };
}

/** A failed result. */
export function fail<T>(err: GoError): Result<T> {
  return { err };
}
