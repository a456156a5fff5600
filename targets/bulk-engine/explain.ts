/**
 * One-line explanations of block findings in the user's terms: which operation the
 * block served, who acquired it and when, and what its caller returned.
 */
import { formatTime, type ResourceEvent, type PoolViolation } from '../../sim/index.ts';
import type { CallFact, RunFacts } from './facts.ts';

/** The call that held the block when it was acquired (same task, enclosing trace positions). */
export function callOf(facts: RunFacts, acquire: ResourceEvent | undefined): CallFact | undefined {
  if (acquire === undefined) return undefined;
  for (let i = facts.calls.length - 1; i >= 0; i--) {
    const c = facts.calls[i] as CallFact;
    if (c.task === acquire.task && c.startSeq <= acquire.seq && (c.endSeq === null || c.endSeq >= acquire.seq)) return c;
  }
  return undefined;
}

/** Explains a leaked block, e.g. "block 17 (Search, acquired by agent-42 at 12.500s) was never freed: its caller returned ...". */
export function explainLeak(facts: RunFacts, v: PoolViolation): string {
  const acquire = findLast(v.history, (e) => e.event === 'acquire');
  const call = callOf(facts, acquire);
  const what = call ? `${call.op}, ` : '';
  const who = acquire ? `acquired by ${acquire.task} at ${formatTime(acquire.time)}` : 'never acquired';
  const last = v.history[v.history.length - 1];
  let why: string;
  if (call === undefined) why = `last seen: ${last ? `${last.event} by ${last.task}` : 'nowhere'} (state ${v.state})`;
  else if (call.end === null) why = `its caller ${call.task} never returned (blocked at the end of the run); the block was last ${last?.event ?? 'seen'} (state ${v.state})`;
  else if (call.result === 'ok') why = `its caller returned successfully without freeing it (state ${v.state})`;
  else why = `its caller returned "${clip(call.result ?? '')}" without freeing it (last: ${last?.event ?? '?'}${last?.note ? `, ${clip(last.note)}` : ''})`;
  const of = v.pool === 'bulker.pool' ? '' : ` of ${v.pool}`;
  return `block ${v.resourceId}.${v.gen}${of} (${what}${who}) was never freed: ${why}`;
}

function findLast<T>(xs: readonly T[], p: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) if (p(xs[i] as T)) return xs[i];
  return undefined;
}

/** Keeps one-line explanations readable: long Elasticsearch reasons are cut to 100 characters. */
function clip(s: string): string {
  return s.length <= 100 ? s : `${s.slice(0, 99)}…`;
}
