/**
 * `explained-errors`: every error a caller receives has a cause the run can name: its
 * own context ended; its input failed validation; a configured limit refused it (the
 * pending-dispatch limit, the bulker closed after Run exited); or the request that
 * carried its block met an injected fault, a transport error, a whole-request error
 * status, or an item error in Elasticsearch's answer for its own item; or documented
 * engine behaviour (C's enrollment duplicates, the API-key status mapping R2). Causes are
 * read from typed facts (the fake's decided faults, the request log, the ledger), never
 * from error texts. An error with none of these is a violation naming the call.
 */
import { Canceled, DeadlineExceeded } from '../../sim/index.ts';
import { ErrBulkerClosed, ErrElastic, ErrEnrollDuplicate, ErrInvalidBody, ErrNoQuotes, ErrTooManyBulkDispatches } from '../../engine/index.ts';
import type { Violation } from '../../properties/violation.ts';
import type { CallFact, RunFacts } from './facts.ts';
import { responseItems } from './oracle/answer-oracle.ts';
import { carriageOf } from './oracle/carriage.ts';
import { isInvalid } from './oracle/encode.ts';
import { explainedSignature } from './progress-signature.ts';

const dedupeKeyOf = (c: CallFact | undefined) => (c?.intent?.kind === 'search' ? (c.intent.dedupeKey ?? '') : '');

function isEnroll(f: RunFacts, intent: CallFact['intent'] | undefined): boolean {
  return f.flags.enrollQueue && intent?.kind === 'search' && (intent.dedupeKey ?? '') !== '';
}

/** C's enroll flush answers one msearch item per dedupe key, oldest block first: the index of the call's key. */
function enrollItemIndex(blocks: readonly { readonly call: CallFact | undefined }[], c: CallFact): number {
  const keys: string[] = [];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const k = dedupeKeyOf(blocks[i]?.call);
    if (!keys.includes(k)) keys.push(k);
  }
  return keys.indexOf(dedupeKeyOf(c));
}

/** Why a call's error is explained, or null when nothing explains it. */
export function explanation(f: RunFacts, c: CallFact): string | null {
  const err = c.error;
  if (err === null) return 'no error';
  const end = c.end ?? Infinity;
  if ((err === Canceled || err === DeadlineExceeded) && c.ctx?.doneAt !== undefined && c.ctx.doneAt <= end) return 'its context ended';
  if (c.intent !== null && isInvalid(c.intent) && (err === ErrNoQuotes || err === ErrInvalidBody || c.intent.kind === 'apikey-update')) return 'its input failed validation';
  if (err === ErrTooManyBulkDispatches && f.opts.maxPendingBulkDispatches > 0) return 'the pending-dispatch limit';
  if (err === ErrBulkerClosed && f.runExit !== null && f.runExit.time <= end) return 'Run had exited';
  for (const fc of carriageOf(f).byCall.get(c.id) ?? []) {
    const intent = fc.blocks[0]?.call?.intent;
    if (err === ErrEnrollDuplicate && f.flags.enrollQueue && intent?.kind === 'search' && (intent.dedupeKey ?? '') !== '') return 'an enrollment duplicate in its batch (C)';
    if (err instanceof ErrElastic && intent?.kind === 'apikey-update') return "the API-key flush's status mapping (R2)";
    if (fc.exchanges.length === 0 && f.bulkerStoppedAt !== undefined && f.bulkerStoppedAt <= end) return 'its flush was cancelled with Run before it sent';
    for (const x of fc.exchanges) {
      if (x.end !== null && x.end.time > end) continue;
      if (x.fault !== 'ok') return `an injected ${x.fault} on ${x.req.path}`;
      if (x.end?.kind === 'error') return `a transport error (${x.end.cause}) on ${x.req.path}`;
      if (x.end?.kind === 'response' && x.end.status > 299) return `status ${x.end.status} for the whole ${x.req.path} request`;
      if (x.end?.kind === 'response') {
        const items = responseItems(x.req.path, x.end.body);
        if (items !== null && isEnroll(f, intent)) {
          const s = items[enrollItemIndex(fc.blocks, c)]?.status;
          if (s !== undefined && s !== 200 && s !== 201) return `Elasticsearch answered status ${s} for its enrollment key's item`;
        }
        if (items !== null && items.length === fc.blocks.length) {
          for (const [j, b] of fc.blocks.entries()) {
            if (b.call !== c) continue;
            const s = (items[j] as { status: number }).status;
            if (s !== 200 && s !== 201) return `Elasticsearch answered status ${s} for its item`;
          }
        }
      }
    }
  }
  return null;
}

/** The explained-errors violations of a run. */
export function explainedErrors(f: RunFacts): Violation[] {
  const out: Violation[] = [];
  for (const c of f.calls) {
    if (c.error === null || c.intent === null) continue;
    if (explanation(f, c) !== null) continue;
    const carried = carriageOf(f).byCall.get(c.id) ?? [];
    const how = carried.length === 0 ? 'never carried' : carried.every((fc) => fc.exchanges.length === 0) ? 'its flush sent nothing' : 'its flush sent a request';
    out.push({
      property: 'explained-errors',
      message: `${c.op} call #${c.id} by ${c.task} returned "${c.error.message}" with no injected fault, cancellation, validation error, limit or documented behaviour to explain it`,
      signature: explainedSignature(c.op, c.error, how),
      evidence: { step: f.result.steps, time: c.end ?? f.result.time, tasks: [c.task] },
    });
  }
  return out;
}
