/**
 * Progress properties: the engine does its job, not only keeps its blocks straight.
 * - `call-deadline`: a call returns within {@link CALL_RETURN_BOUND} of its context
 *   ending (upstream `dispatch` returns on `ctx.Done()` in both selects), and a call
 *   whose context never ends returns within that bound of the bulker's shutdown. Time
 *   the clock slipped meanwhile (a timer fired early: a goroutine slow to be scheduled)
 *   does not count against the bound.
 * - `run-alive`: Run returns only after its context was cancelled, and does return then.
 * - `fault-free-success`: in a scenario that injects no fault and no bad input, every call
 *   begun {@link settleBound} before the server's contexts are cancelled, and whose own
 *   context did not end before then (a disconnect), succeeds before then.
 */
import { Canceled, DeadlineExceeded, formatTime, ms, sec } from '../../sim/index.ts';
import type { Violation } from '../../properties/violation.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { RunFacts } from './facts.ts';
import { callDeadlineSignature, faultFreeSignature, runAliveSignature } from './progress-signature.ts';

/** How long after its context ends a call may still take to return (virtual time). */
export const CALL_RETURN_BOUND = ms(50);

/** The least time a call may take in a fault-free run before `fault-free-success` expects its answer. */
export const SETTLE_BOUND = sec(10);

/**
 * How long a call may take in a fault-free run: {@link SETTLE_BOUND}, or three rounds of
 * a flush interval plus the slowest Elasticsearch latency the scenario draws (brownouts
 * included) when that is longer (a slow cluster queues flushes behind `maxPending`).
 */
export function settleBound(f: RunFacts): number {
  const e = f.scenario.elasticsearch;
  const slowest = Math.max(e.latencyMs.max, ...e.brownouts.map((b) => b.latencyMs.max));
  return Math.max(SETTLE_BOUND, 3 * (f.opts.flushInterval + ms(slowest)));
}

/** `call-deadline` violations. */
export function callDeadline(f: RunFacts): Violation[] {
  const out: Violation[] = [];
  for (const c of f.calls) {
    if (c.ctx === null) continue;
    const never = c.ctx.done() === null;
    const limit = never ? f.bulkerStoppedAt : c.ctx.doneAt;
    if (limit === undefined) continue;
    const from = Math.max(limit, c.start);
    // Time slips model a goroutine slow to be scheduled: the clock they moved is not the engine's delay.
    const due = from + CALL_RETURN_BOUND + f.slippedWithin(from, c.end ?? f.result.time);
    const why = never ? "the bulker's shutdown" : `its context ended (${c.ctx.err()?.message ?? '?'})`;
    if (c.end === null) {
      if (f.result.time > due) out.push({ property: 'call-deadline', message: `${c.op} call #${c.id} by ${c.task} had not returned at ${formatTime(f.result.time)}, though ${why} at ${formatTime(limit)}`, signature: callDeadlineSignature(c.op, false, c.ctx, never), evidence: { step: f.result.steps, time: f.result.time, tasks: [c.task] } });
    } else if (c.end > due) {
      out.push({ property: 'call-deadline', message: `${c.op} call #${c.id} by ${c.task} returned ${c.result === 'ok' ? 'ok' : `"${c.result}"`} at ${formatTime(c.end)}, ${formatTime(c.end - limit)} after ${why} at ${formatTime(limit)}`, signature: callDeadlineSignature(c.op, true, c.ctx, never), evidence: { step: f.result.steps, time: c.end, tasks: [c.task] } });
    }
  }
  return out;
}

/** `run-alive` violations. */
export function runAlive(f: RunFacts): Violation[] {
  const x = f.runExit;
  if (x !== null && !x.ctxEnded) return [{ property: 'run-alive', message: `Run exited at ${formatTime(x.time)} with "${x.error ?? 'nil'}" while its context was live: every later call gets no flush`, signature: runAliveSignature('returned while live'), evidence: { step: x.step, time: x.time, tasks: ['bulker.run'] } }];
  const k = f.result.outcome.kind;
  const ended = k === 'ok' || k === 'stopped' || k === 'deadlock';
  if (x === null && ended && f.bulkerStoppedAt !== undefined) return [{ property: 'run-alive', message: `Run had not returned at ${formatTime(f.result.time)}, though its context was cancelled at ${formatTime(f.bulkerStoppedAt)}`, signature: runAliveSignature('did not return'), evidence: { step: f.result.steps, time: f.result.time, tasks: ['bulker.run'] } }];
  return [];
}

/** Whether a scenario injects no fault and no bad input (so every call whose context stays live should succeed). */
export function isFaultFree(s: Scenario): boolean {
  const e = s.elasticsearch;
  const w = s.workload;
  const faults = [e.reject429, e.badGateway, e.connectionReset, e.hang, e.malformedBody, e.wrongItemCount, e.appliedThenReset, e.appliedThen504, e.itemWithoutOp, e.itemConflict, e.itemRejected, e.itemServerError, ...e.brownouts.map((b) => b.reject429)];
  return (
    faults.every((p) => p === 0) &&
    w.unknownAgents === 0 &&
    w.quoteInId === 0 &&
    w.invalidJson === 0 &&
    w.enrollmentsPerS === 0 &&
    w.checkin.apiKeyUpdate === 0 &&
    w.remoteOutput.prepare === 0 &&
    (s.bulker.maxPendingBulkDispatches ?? 0) === 0
  );
}

/** `fault-free-success` violations. */
export function faultFreeSuccess(f: RunFacts): Violation[] {
  if (!isFaultFree(f.scenario)) return [];
  const cut = sec(f.scenario.durationS + f.scenario.shutdown.serverDrainS);
  const settle = settleBound(f);
  const out: Violation[] = [];
  for (const c of f.calls) {
    if (c.start > cut - settle) continue;
    if (c.ctx?.doneAt !== undefined && c.ctx.doneAt < cut && (c.end === null || c.ctx.doneAt <= c.end)) continue;
    if (c.end !== null && c.end <= cut && c.error === null) continue;
    const what = c.end === null ? 'never returned' : c.end > cut ? `had not returned when the server's contexts were cancelled at ${formatTime(cut)}` : `returned "${c.result}"`;
    // A context error at the cut is the server stopping the call: it had not succeeded by then.
    const stopped = c.end !== null && (c.end > cut || ((c.error === Canceled || c.error === DeadlineExceeded) && (c.ctx?.doneAt ?? -1) >= cut));
    const how = c.end === null ? 'never returned' : stopped ? 'had not succeeded when the server stopped' : { failed: c.error };
    out.push({ property: 'fault-free-success', message: `${c.op} call #${c.id} by ${c.task}, begun at ${formatTime(c.start)} in a run with no fault or bad input and with its context live, ${what}`, signature: faultFreeSignature(c.op, how), evidence: { step: f.result.steps, time: c.end ?? f.result.time, tasks: [c.task] } });
    if (out.length >= 20) break;
  }
  return out;
}
