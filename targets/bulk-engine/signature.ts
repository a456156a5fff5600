/**
 * Signatures of the bulk engine's findings, from typed facts only (the block's history,
 * the call ledger, how each call left the engine; never a message): which operation,
 * how the caller's code path dropped the block, and the block's last ownership transfer.
 *
 *     block-lifecycle: ReadRaw: context canceled without free, after enqueue; last answer by flushRead
 *     block-lifecycle: Search: caller never returned; last enqueue
 *     use-after-free: flush-*-apiKeyUpdate touched next
 *     one-outcome-per-call: Search never returned
 */
import { ErrBulkerClosed, ErrInvalidBody, ErrNoQuotes, ErrTooManyBulkDispatches } from '../../engine/index.ts';
import { Canceled, DeadlineExceeded, type GoError, type PoolViolation, type ResourceEvent } from '../../sim/index.ts';
import { normaliseIds, signature } from '../../properties/signature.ts';
import { callOf } from './explain.ts';
import type { CallFact, RunFacts } from './facts.ts';

/** Errors that name their own path, by identity. */
const KNOWN_ERRORS: ReadonlyMap<GoError, string> = new Map([
  [Canceled, 'context canceled'],
  [DeadlineExceeded, 'context deadline exceeded'],
  [ErrNoQuotes, 'validation error'],
  [ErrInvalidBody, 'validation error'],
  [ErrTooManyBulkDispatches, 'pending-dispatch limit'],
  [ErrBulkerClosed, 'bulker closed'],
]);

function errorName(err: GoError | null): string {
  return err === null ? 'error' : (KNOWN_ERRORS.get(err) ?? 'error');
}

/** How the call's code path let go of the block without freeing it. */
function dropOf(f: RunFacts, v: PoolViolation, call: CallFact | undefined): string {
  if (call === undefined) return 'held outside any call';
  if (call.end === null) return 'caller never returned';
  const exit = f.exits.of(v.resourceId, v.gen);
  if (exit === undefined) return call.error === null ? 'success without free' : `${errorName(call.error)} without free`;
  switch (exit.exit) {
    case 'answered':
      return exit.err === null ? 'success without free' : 'error response without free';
    case 'abort-before-enqueue':
      return `${errorName(exit.err)} without free, before enqueue`;
    case 'abort-after-enqueue':
      return `${errorName(exit.err)} without free, after enqueue`;
    default:
      return `${errorName(exit.err)} without free`;
  }
}

/** The block's last transfer in its generation: the event and, for a flush, answer or abandon, who did it. */
function lastTransfer(history: readonly ResourceEvent[], gen: number): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i] as ResourceEvent;
    if (e.gen !== gen) break;
    return `last ${e.event}${e.site !== undefined ? ` by ${e.site}` : ''}`;
  }
  return 'no history';
}

/** `block-lifecycle`: the operation, how its caller dropped the block, and the block's last transfer. */
export function lifecycleSignature(f: RunFacts, v: PoolViolation): string {
  const acquire = v.history.findLast((e) => e.event === 'acquire' && e.gen === v.gen);
  const call = callOf(f, acquire);
  return signature('block-lifecycle', `${call?.op ?? 'no call'}: ${dropOf(f, v, call)}; ${lastTransfer(v.history, v.gen)}`);
}

/** `use-after-free` / `double-free`: the task kind that touched or freed the block, and what it touched. */
export function poolSignature(property: string, v: PoolViolation): string {
  const who = normaliseIds(v.task);
  if (v.kind === 'use-after-free') return signature(property, `${who} touched ${v.access ?? 'the block'}`);
  if (v.kind === 'foreign-free') return signature(property, `${who} freed a block the pool never gave out`);
  return signature(property, `${who} freed a block twice`);
}

/** `one-outcome-per-call`: the operation and the kind (returned twice, never returned, answered twice). */
export function outcomeSignature(op: string, kind: 'returned twice' | 'never returned' | 'block answered twice'): string {
  return signature('one-outcome-per-call', `${op} ${kind}`);
}

/** `durable-acks`: the operation of the lost write and whether it is missing or overwritten. */
export function durableSignature(op: string, missing: boolean): string {
  return signature('durable-acks', `${op} write ${missing ? 'missing' : 'overwritten'}`);
}
