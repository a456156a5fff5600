/**
 * Engine errors (`bulk/errors`, `es/error.go`), as GoError sentinels compared with `===`,
 * and {@link ErrElastic}, which unwraps to {@link ErrIndexNotFound} / {@link ErrTimeout}.
 */
import { GoError } from '../sim/index.ts';

/** An index or id contains a double quote. */
export const ErrNoQuotes = new GoError('quoted values are not allowed');
/** A body is not valid JSON. */
export const ErrInvalidBody = new GoError('invalid body');
/** mget doc with found=false. */
export const ErrElasticNotFound = new GoError('elastic not found');
/** A version conflict. */
export const ErrElasticVersionConflict = new GoError('elastic version conflict');
/** `ErrElastic` of type index_not_found_exception unwraps to this. */
export const ErrIndexNotFound = new GoError('index not found');
/** `ErrElastic` of type timeout_exception unwraps to this. */
export const ErrTimeout = new GoError('timeout');
/** `ErrElastic` of type shard_restoring_exception unwraps to this. */
export const ErrShardRestoring = new GoError('shard restoring');
/** The pending-dispatch limit rejected the call. */
export const ErrTooManyBulkDispatches = new GoError('too many pending bulk dispatches');
/** C: a later enroll search with the same dedupe key in one batch (HTTP 429 at the API). */
export const ErrEnrollDuplicate = new GoError('duplicate enrollment request in batch');
/** A bulk item with no recognised operation key. */
export const ErrUnknownBulkOperator = new GoError('unknown bulk operator');
/** flushBulk/flushRead/flushSearch: the response item count differs from the queue count. */
export const ErrQueueLengthMismatch = new GoError('Bulk queue length mismatch');
/** flushUpdateAPIKey (C): a block buffer with no newline. */
export const ErrAPIKeyBuffer = new GoError('invalid api key update buffer: no newline');
/** Hardened only: the bulker's Run loop has exited; the block was failed instead of abandoned. */
export const ErrBulkerClosed = new GoError('bulker closed');

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

  /** Go's `Unwrap`. */
  unwrap(): GoError | null {
    if (this.type === 'index_not_found_exception') return ErrIndexNotFound;
    if (this.type === 'timeout_exception') return ErrTimeout;
    if (this.type === 'shard_restoring_exception') return ErrShardRestoring;
    return null;
  }
}

function elasticMessage(status: number, type: string, reason: string, cause: ElasticCause): string {
  let m = `elastic fail ${status}`;
  for (const p of [type, reason, cause.type, cause.reason]) if (p !== '') m += `: ${p}`;
  return m;
}

/** A wrapped error (Go's `fmt.Errorf("...: %w", err)`). */
export class WrappedError extends GoError {
  constructor(
    message: string,
    readonly inner: GoError,
  ) {
    super(`${message}: ${inner.message}`);
  }

  /** Go's `Unwrap`. */
  unwrap(): GoError {
    return this.inner;
  }
}

/** Go's `errors.Is` over {@link ErrElastic} and {@link WrappedError} chains. */
export function errorsIs(err: GoError | null | undefined, target: GoError): boolean {
  let e: GoError | null | undefined = err;
  while (e !== null && e !== undefined) {
    if (e === target) return true;
    e = e instanceof ErrElastic || e instanceof WrappedError ? e.unwrap() : null;
  }
  return false;
}
