/**
 * Engine errors (`bulk/errors`, `es/error.go`), as GoError sentinels compared with `===`,
 * and {@link ErrElastic}, an Elasticsearch error with its status, type and reason.
 */
import { GoError } from '../sim/index.ts';

/**
 * `bulk.ErrNoQuotes` (`engine.go`): an index or id contains a double quote.
 */
export const ErrNoQuotes = new GoError('quoted literal not supported');
/** `es.ErrInvalidBody` (`es/error.go`): a body is not valid JSON. */
export const ErrInvalidBody = new GoError('invalid body');
/** `es.ErrElasticNotFound`: mget doc with found=false. */
export const ErrElasticNotFound = new GoError('elastic not found');
/** `es.ErrElasticVersionConflict`. */
export const ErrElasticVersionConflict = new GoError('elastic version conflict');
/** `bulk.ErrTooManyBulkDispatches`: the pending-dispatch limit rejected the call. */
export const ErrTooManyBulkDispatches = new GoError('too many pending bulk dispatches');
/** `bulk.ErrEnrollDuplicate` (C): a later enroll search with the same dedupe key in one batch (HTTP 429 at the API). */
export const ErrEnrollDuplicate = new GoError('enrollment deduplicated: retry');
/**
 * Not upstream: the hardened variant's answer to a block its bulker can no longer
 * flush (Run has exited). No upstream variant ever returns it.
 */
export const ErrBulkerClosed = new GoError('bulker closed');

/**
 * The errors upstream makes afresh at one site (`errors.New`, `fmt.Errorf`), with their
 * texts; none is a sentinel, so each call returns a new value.
 */
export const SiteErrors = {
  /** `BulkIndexerResponseItem.deriveError` on a nil item (`schema.go`). */
  unknownBulkOperator: (): GoError => new GoError('unknown bulk operator'),
  /** `flushBulk` (`opBulk.go`) and `flushSearch` (`opSearch.go`): item count differs from the queue's. */
  bulkQueueLengthMismatch: (): GoError => new GoError('Bulk queue length mismatch'),
  /** `flushRead` (`opRead.go`). */
  mgetQueueLengthMismatch: (): GoError => new GoError('queue length mismatch for Mget'),
  /** `flushEnrollSearch` (`opSearch.go`). */
  enrollQueueLengthMismatch: (got: number, want: number): GoError => new GoError(`enroll search queue length mismatch: got ${got}, want ${want}`),
  /** `flushEnrollSearch`: the refresh answered non-2xx; `res` is `esapi.Response.String()` of it. */
  enrollRefreshFailed: (res: string): GoError => new GoError(`enroll search refresh failed: ${res}`),
  /** `flushUpdateAPIKey` at #7190 and later (`opApiKey.go`): a block buffer with no newline. */
  apiKeyMissingSeparator: (): GoError => new GoError('invalid APIKeyUpdate buffer: missing meta separator'),
} as const;

/** The error's cause (`caused_by`). */
export interface ElasticCause {
  readonly type: string;
  readonly reason: string;
}

/** `es.ErrElastic`: an Elasticsearch error with status, type, reason and cause. */
export class ErrElastic extends GoError {
  constructor(
    readonly status: number,
    readonly type = '',
    readonly reason = '',
    override readonly cause: ElasticCause = { type: '', reason: '' },
  ) {
    super(elasticMessage(status, type, reason, cause));
  }
}

function elasticMessage(status: number, type: string, reason: string, cause: ElasticCause): string {
  let m = `elastic fail ${status}`;
  for (const p of [type, reason, cause.type, cause.reason]) if (p !== '') m += `: ${p}`;
  return m;
}
