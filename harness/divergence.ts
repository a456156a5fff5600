/**
 * Where two runs of the same case part ways: the first decision whose label, width or
 * choice differs, else the first trace event that differs. Pure; both runs are given as
 * plain records (so one can come from another process).
 */
import { formatTime, type Decision, type DecisionLog, type RunResult } from '../sim/index.ts';
import { labelById } from '../sim/label.ts';
import { RollingHash } from '../sim/trace/hash.ts';
import { OP_NAMES } from '../sim/trace/trace.ts';
import type { CaseReport } from './case.ts';

/** One trace event as plain data. */
export interface PortableEvent {
  readonly step: number;
  readonly time: number;
  readonly task: number;
  readonly op: number;
  readonly blocked: boolean;
  readonly detail: number;
  readonly text: string | undefined;
}

/** What is compared of a run. */
export interface RunRecord {
  readonly traceHash: string;
  readonly decisions: readonly Decision[];
  /** Empty when the run kept no events. */
  readonly events: readonly PortableEvent[];
  readonly taskNames: readonly string[];
}

/** The record of a finished run (its events only if it kept them). */
export function recordOf(result: RunResult): RunRecord {
  const events = result.trace.keepEvents ? result.trace.events().map((e) => ({ step: e.step, time: e.time, task: e.task, op: e.op, blocked: e.blocked, detail: e.detail, text: e.text })) : [];
  return { traceHash: result.traceHash, decisions: result.decisions.toArray(), events, taskNames: result.taskNames };
}

/**
 * A digest of a decision log (label names, widths, choices): two runs can record the same
 * trace yet decide differently (a width taken from the host), which this tells apart.
 * Label names, not ids, are hashed: ids depend on the order labels were first used.
 */
export function decisionsHash(log: DecisionLog): string {
  const h = new RollingHash();
  const names = new Map<number, number>();
  for (let i = 0; i < log.length; i++) {
    const id = log.labelIdAt(i);
    let nameHash = names.get(id);
    if (nameHash === undefined) {
      const one = new RollingHash();
      one.foldString(labelById(id).name);
      names.set(id, (nameHash = Number.parseInt(one.hex().slice(0, 8), 16) | 0));
    }
    h.fold(nameHash);
    h.fold(log.widthAt(i));
    h.fold(log.choiceAt(i));
  }
  return h.hex();
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

function eventText(e: PortableEvent | undefined, names: readonly string[]): string {
  if (e === undefined) return 'nothing (the run had ended)';
  const who = e.task < 0 ? 'kernel' : (names[e.task] ?? `task ${e.task}`);
  const what = e.text !== undefined ? ` ${JSON.stringify(clip(e.text))}` : e.detail >= 0 ? ` ${e.detail}` : '';
  return `${who} ${OP_NAMES[e.op] ?? `op ${e.op}`}${e.blocked ? ' (blocks)' : ''}${what}`;
}

function decisionText(d: Decision | undefined): string {
  return d === undefined ? 'no decision (the run had ended)' : `${d.label} (width ${d.width}) chose ${d.choice}`;
}

const same = (a: Decision, b: Decision) => a.label === b.label && a.width === b.width && a.choice === b.choice;

function sameEvent(a: PortableEvent, b: PortableEvent): boolean {
  return a.step === b.step && a.time === b.time && a.task === b.task && a.op === b.op && a.blocked === b.blocked && a.detail === b.detail && a.text === b.text;
}

/**
 * The first difference between two runs of one case, as one phrase (`here` is this
 * process's run, `there` the other's), or null when decisions and events agree.
 */
export function firstDivergence(here: RunRecord, there: RunRecord): string | null {
  const n = Math.max(here.decisions.length, there.decisions.length);
  for (let i = 0; i < n; i++) {
    const a = here.decisions[i];
    const b = there.decisions[i];
    if (a !== undefined && b !== undefined && same(a, b)) continue;
    return `first diverging decision #${i}: ${decisionText(a)} here, ${decisionText(b)} there`;
  }
  const m = Math.max(here.events.length, there.events.length);
  for (let i = 0; i < m; i++) {
    const a = here.events[i];
    const b = there.events[i];
    if (a !== undefined && b !== undefined && sameEvent(a, b)) continue;
    const at = a ?? b;
    return `first diverging event #${i} (step ${at?.step ?? '?'}, ${formatTime(at?.time ?? 0)}): ${eventText(a, here.taskNames)} here, ${eventText(b, there.taskNames)} there`;
  }
  return null;
}

/** A report with a `determinism` violation added in front (the case gave two different runs). */
export function withDeterminismViolation(first: CaseReport, message: string): CaseReport {
  const v = { property: 'determinism', message, evidence: { step: first.steps, time: first.virtualTimeUs } };
  return { ...first, passed: false, property: 'determinism', message, violations: [v, ...first.violations], violationCounts: { ...first.violationCounts, determinism: 1 } };
}
