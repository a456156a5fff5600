/**
 * The ES client's retry settings as fleet-server configures them, per release line.
 *
 * - `applyDefaultOptions` (`internal/pkg/es/client.go` l.28–67 at dc8e230; added in #4515,
 *   present at 9.3, 9.4, 9.5 and main, and at the commits `pre-fix` and `pr-6747` model):
 *   up to 5 retries; statuses 429, 408, 425, 502, 503, 504; errors wrapping ECONNREFUSED or
 *   ECONNRESET, or a TLS handshake failure; exponential backoff from 0.5 s to 10 s, ±50 %.
 * - 8.19 has no `applyDefaultOptions`: the output config's `max_retries` (3, `config/output.go`
 *   `InitDefaults`), go-elasticsearch's default statuses 502, 503, 504, a `RetryOnError` that
 *   accepts only TLS handshake failures (`elasticsearchOptions` in `server/fleet.go` adds
 *   `WithRetryOnTLSHandshakeError` over a nil predicate), and no backoff: a retry goes out at once.
 */
import { ECONNREFUSED, ECONNRESET, errorsIs, type GoError } from '../../sim/index.ts';
import { FLEET_BACKOFF, type BackoffParams } from './backoff.ts';

/** One client's retry settings (`elasticsearch.Config`'s retry fields, resolved). */
export interface RetryPolicy {
  /** A name for traces and `dst list`. */
  readonly name: string;
  /** `DisableRetry`. */
  readonly disabled: boolean;
  /** `MaxRetries`: attempts are `maxRetries + 1`. */
  readonly maxRetries: number;
  /** `RetryOnStatus`. */
  readonly retryOnStatus: readonly number[];
  /** `RetryOnError`; null retries every transport error (go-elasticsearch's default). */
  readonly retryOnError: ((err: GoError) => boolean) | null;
  /** `RetryBackoff` (one shared `ExponentialBackOff`), or null for no wait between attempts. */
  readonly backoff: BackoffParams | null;
}

/**
 * `isTLSHandshakeError`: a `*tls.CertificateVerificationError` in the chain. The simulated
 * network never fails a handshake, so nothing matches; kept so the predicate reads as upstream's.
 */
const isTLSHandshakeError = (_err: GoError): boolean => false;

/** `applyDefaultOptions` (9.3 and later). */
export const APPLY_DEFAULT_OPTIONS: RetryPolicy = Object.freeze({
  name: 'applyDefaultOptions',
  disabled: false,
  maxRetries: 5,
  retryOnStatus: Object.freeze([429, 408, 425, 502, 503, 504]),
  retryOnError: (err: GoError) => errorsIs(err, ECONNREFUSED) || errorsIs(err, ECONNRESET) || isTLSHandshakeError(err),
  backoff: FLEET_BACKOFF,
});

/** 8.19: go-elasticsearch's defaults under the output config's `max_retries: 3`. */
export const GO_ELASTICSEARCH_DEFAULTS_819: RetryPolicy = Object.freeze({
  name: 'go-elasticsearch defaults, max_retries 3',
  disabled: false,
  maxRetries: 3,
  retryOnStatus: Object.freeze([502, 503, 504]),
  retryOnError: isTLSHandshakeError,
  backoff: null,
});

/** No retries (a client that sends each request once). */
export const NO_RETRY: RetryPolicy = Object.freeze({ name: 'no retries', disabled: true, maxRetries: 0, retryOnStatus: Object.freeze([]), retryOnError: null, backoff: null });
