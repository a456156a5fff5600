/**
 * Signatures of the progress, resource and correctness properties, from typed facts only
 * (the call's operation and error value, the context's error, the semaphore and task
 * names with ids normalised away, endpoints and option names; never a message, never an
 * id, a count or a time), so that every seed of one engine bug reads the same:
 *
 *     call-deadline: Update returned after its context was cancelled
 *     call-deadline: Search had not returned after the bulker's shutdown
 *     run-alive: Run returned while its context was live
 *     counted-resources: bulker.flushSem slot still held by flush-*-bulk, which had ended
 *     request-oracle: Update sent to /_bulk, asked for /_bulk?refresh=true
 *     request-oracle: Update item differs in retry_on_conflict
 *     answer-oracle: MUpdate results not in input order
 *     read-your-writes: ReadRaw missed an acknowledged Update of field upgrade_details
 *     explained-errors: Update returned an unexplained error; its flush sent nothing
 *     fault-free-success: ReadRaw had not succeeded when the server stopped
 */
import { ErrBulkerClosed, ErrElastic, ErrEnrollDuplicate, ErrInvalidBody, ErrNoQuotes, ErrTooManyBulkDispatches } from '../../engine/index.ts';
import { Canceled, DeadlineExceeded, type Context, type GoError } from '../../sim/index.ts';
import { normaliseIds, signature } from '../../properties/signature.ts';
import type { Endpoint } from './oracle/encode.ts';

/** Errors by identity (their class for Elasticsearch errors), as signatures name them. */
export function errorKind(err: GoError | null): string {
  if (err === null) return 'ok';
  if (err === Canceled) return 'context canceled';
  if (err === DeadlineExceeded) return 'context deadline exceeded';
  if (err === ErrNoQuotes || err === ErrInvalidBody) return 'validation error';
  if (err === ErrTooManyBulkDispatches) return 'pending-dispatch limit';
  if (err === ErrBulkerClosed) return 'bulker closed';
  if (err === ErrEnrollDuplicate) return 'enrollment duplicate';
  if (err instanceof ErrElastic) return 'Elasticsearch error';
  return 'error';
}

/** `call-deadline`: the operation, whether it returned (late) or never did, and what it waited past. */
export function callDeadlineSignature(op: string, returned: boolean, ctx: Context, never: boolean): string {
  const past = never ? "the bulker's shutdown" : ctx.err() === DeadlineExceeded ? 'its context deadline' : 'its context was cancelled';
  return signature('call-deadline', `${op} ${returned ? 'returned' : 'had not returned'} after ${past}`);
}

/** `run-alive`: Run returned with its context live, or did not return once cancelled. */
export function runAliveSignature(kind: 'returned while live' | 'did not return'): string {
  return signature('run-alive', kind === 'returned while live' ? 'Run returned while its context was live' : 'Run did not return after its context was cancelled');
}

/** `counted-resources`: the semaphore and the holder's kind (ids normalised), and whether the holder had ended. */
export function countedSignature(semaphore: string, holder: string, ended: boolean): string {
  return signature('counted-resources', `${normaliseIds(semaphore)} slot still held by ${normaliseIds(holder)}, ${ended ? 'which had ended' : 'still running'}`);
}

/** An endpoint as upstream writes it (`/_bulk?refresh=true`). */
export function endpointText(e: Endpoint): string {
  const q = Object.keys(e.query)
    .sort()
    .map((k) => `${k}=${e.query[k]}`)
    .join('&');
  return q === '' ? e.path : `${e.path}?${q}`;
}

/** `request-oracle`: what part of the request differed from what the call asked for. */
export function requestSignature(detail: string): string {
  return signature('request-oracle', detail);
}

function header(line: string | undefined): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(line ?? '');
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Which part of one request item differs from the item a call asked for: the bulk action,
 * the names of the header fields that differ (`retry_on_conflict`, `_index`, ...), or the
 * body. Names only, never values.
 */
export function itemDifference(path: string, got: string, want: string): string {
  const g = got.split('\n');
  const w = want.split('\n');
  let gh = header(g[0]);
  let wh = header(w[0]);
  if (gh === null || wh === null) return 'an unreadable item';
  if (path === '/_bulk') {
    const ga = Object.keys(gh)[0];
    const wa = Object.keys(wh)[0];
    if (ga !== wa) return 'its action';
    gh = (gh[ga as string] ?? {}) as Record<string, unknown>;
    wh = (wh[wa as string] ?? {}) as Record<string, unknown>;
  }
  const a = gh;
  const b = wh;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
  return fields.length > 0 ? fields.join(', ') : 'its body';
}

/** `answer-oracle`: the operation and what was wrong with its answer. */
export function answerSignature(op: string, kind: string): string {
  return signature('answer-oracle', `${op} ${kind}`);
}

/** `read-your-writes`: the read, the write it missed, and the field. */
export function readYourWritesSignature(readOp: string, writeOp: string, field: string): string {
  return signature('read-your-writes', `${readOp} missed an acknowledged ${writeOp} of field ${field}`);
}

/** `explained-errors`: the operation, the error's kind, and how far its flush got. */
export function explainedSignature(op: string, err: GoError, carriage: 'never carried' | 'its flush sent nothing' | 'its flush sent a request'): string {
  return signature('explained-errors', `${op} returned an unexplained ${errorKind(err)}; ${carriage}`);
}

/** `fault-free-success`: the operation and how it failed to succeed. */
export function faultFreeSignature(op: string, how: 'never returned' | 'had not succeeded when the server stopped' | { readonly failed: GoError | null }): string {
  const what = typeof how === 'string' ? how : `failed (${errorKind(how.failed)})`;
  return signature('fault-free-success', `${op} ${what}`);
}
