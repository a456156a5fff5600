/**
 * Engine errors (`bulk/errors`, `es/error.go`), as GoError sentinels compared with `===`,
 * and {@link ErrElastic}, an Elasticsearch error with its status, type and reason.
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
}

function elasticMessage(status: number, type: string, reason: string, cause: ElasticCause): string {
  let m = `elastic fail ${status}`;
  for (const p of [type, reason, cause.type, cause.reason]) if (p !== '') m += `: ${p}`;
  return m;
}
