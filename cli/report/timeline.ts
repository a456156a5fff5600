/**
 * Renderings of one run's trace: a text timeline (virtual time, task, operation, block
 * ownership changes), JSON, and a self-contained HTML swimlane view.
 */
import { OP_NAMES, Op, type TraceEvent } from '../../sim/trace/trace.ts';
import { formatTime, type RunResult } from '../../sim/index.ts';
import { swimlaneHtml } from './swimlane.ts';

function taskName(r: RunResult, id: number): string {
  return id < 0 ? 'kernel' : (r.taskNames[id] ?? `task#${id}`);
}

function describe(r: RunResult, e: TraceEvent): string {
  switch (e.op) {
    case Op.Recv:
    case Op.Send:
      return `${OP_NAMES[e.op]} ${e.detail >= 0 ? (r.chanNames[e.detail] ?? `chan#${e.detail}`) : 'nil'}${e.blocked ? ' (blocks)' : ''}`;
    case Op.Select:
      return e.blocked ? 'select (blocks)' : `select case ${e.detail}`;
    case Op.Sleep:
      return `sleep ${formatTime(e.detail)}`;
    case Op.Spawn:
      return `spawn ${e.text ?? ''}`;
    case Op.Note:
      return e.text ?? '';
    case Op.Panic:
      return `PANIC ${e.text ?? ''}`;
    case Op.TimerFire:
      return `timer fires: ${e.text ?? ''}`;
    default:
      return OP_NAMES[e.op] ?? `op ${e.op}`;
  }
}

/** Text timeline. With `blocksOnly`, only block ownership changes, panics and notes. */
export function textTimeline(r: RunResult, opts: { blocksOnly?: boolean } = {}): string {
  const lines: string[] = [];
  for (const e of r.trace.events()) {
    if (opts.blocksOnly && e.op !== Op.Note && e.op !== Op.Panic) continue;
    const mark = e.resource !== undefined ? '*' : ' ';
    lines.push(`${formatTime(e.time).padStart(11)} ${String(e.step).padStart(7)} ${mark} ${taskName(r, e.task).padEnd(22)} ${describe(r, e)}`);
  }
  return lines.join('\n');
}

/** JSON trace: every event with names resolved. */
export function jsonTimeline(r: RunResult): object {
  return {
    traceHash: r.traceHash,
    outcome: r.outcome,
    events: r.trace.events().map((e) => ({ step: e.step, timeUs: e.time, task: taskName(r, e.task), op: OP_NAMES[e.op] ?? e.op, blocked: e.blocked, what: describe(r, e) })),
  };
}

/** A self-contained HTML swimlane view: one lane per task, hand-offs as arrows, block lifetimes as spans. */
export function htmlTimeline(r: RunResult, verdict = ''): string {
  return swimlaneHtml(r, (e) => describe(r, e), verdict);
}
