/**
 * Builds the trace document (`dst-trace/1`, see `trace-doc-types.ts`) of one run: the
 * single source of `--trace json`, the text timeline and the HTML viewer.
 */
import type { CaseReport } from '../../harness/case.ts';
import type { Violation } from '../../properties/violation.ts';
import { Op, OP_NAMES, type TraceEvent } from '../../sim/trace/trace.ts';
import type { RunResult } from '../../sim/index.ts';
import { taskGroup } from './task-groups.ts';
import { deriveEdges } from './trace-edges.ts';
import { buildResources, resourceKey } from './trace-resources.ts';
import { causalSlice } from './trace-slice.ts';
import { TRACE_DOC_FORMAT, type DocEvent, type DocOp, type DocTask, type DocViolation, type TraceDoc } from './trace-doc-types.ts';

/** The target name documents carry until targets are pluggable. */
export const DEFAULT_TARGET = 'bulk-engine';

/** What a document is built from: a case's report and its run (with the trace kept). */
export interface DocSource {
  readonly report: CaseReport;
  readonly result: RunResult;
}

/** Builds the whole document. */
export function traceDoc(src: DocSource, target = DEFAULT_TARGET): TraceDoc {
  const { report: r, result } = src;
  const events = result.trace.events().map(docEvent);
  const lastSeen = lastTransitions(events);
  const violations = r.violations.map((v) => docViolation(v, events, lastSeen));
  const resources = buildResources(events, violations, decisionsBySeq(r.violations));
  const edges = deriveEdges(events, result.chanNames, result.taskNames);
  const doc: TraceDoc = {
    header: {
      format: TRACE_DOC_FORMAT,
      target,
      scenario: r.scenario,
      scenarioRef: r.scenarioRef,
      variant: r.variant,
      seed: r.seed,
      decisions: r.decisions,
      strategy: r.strategy,
      swarm: r.swarm,
      passed: r.passed,
      property: r.property,
      explanation: r.message,
      violationCounts: r.violationCounts as Record<string, number>,
      traceHash: r.traceHash,
      outcome: { kind: result.outcome.kind, message: result.outcome.message },
      steps: r.steps,
      virtualTimeUs: r.virtualTimeUs,
      replay: r.replay,
      ...(r.switches !== undefined && { switches: r.switches }),
    },
    tasks: docTasks(result, events),
    channels: result.chanNames.map((name, id) => ({ id, name })),
    events,
    resources,
    violations,
    edges,
    failure: null,
  };
  if (violations.length === 0) return doc;
  const first = violations[0] as DocViolation;
  return { ...doc, failure: { violation: 0, resource: first.resource?.key ?? null, anchor: first.anchor, slice: causalSlice(doc, 0) } };
}

const OPS: Readonly<Record<number, DocOp>> = OP_NAMES as Readonly<Record<number, DocOp>>;

/** One trace event in the document's shape (only the fields its operation has). */
export function docEvent(e: TraceEvent): DocEvent {
  const base = { seq: e.seq, step: e.step, t: e.time, task: e.task, op: OPS[e.op] ?? 'note', ...(e.blocked && { blocked: true as const }) };
  const text = e.text === undefined ? {} : { text: e.text };
  switch (e.op) {
    case Op.Recv:
    case Op.Send:
      return { ...base, ...(e.detail >= 0 && { chan: e.detail }) };
    case Op.Select:
      return e.selected === undefined ? base : { ...base, case: e.selected.index, chan: e.selected.chan, dir: e.selected.dir };
    case Op.Sleep:
      return { ...base, sleepUs: e.detail };
    case Op.Spawn:
      return { ...base, child: e.detail, ...text };
    case Op.TimerFire:
      return { ...base, timer: e.detail, ...text };
    case Op.Note:
      return e.resource === undefined ? { ...base, ...text } : { ...base, ...text, res: { ...e.resource } };
    default:
      return { ...base, ...text };
  }
}

/** Tasks with their parents (from the spawn events), lineage and group; the kernel first, as id -1. */
function docTasks(result: RunResult, events: readonly DocEvent[]): DocTask[] {
  const parent = new Map<number, number>();
  for (const e of events) if (e.op === 'spawn' && e.child !== undefined && e.task >= 0) parent.set(e.child, e.task);
  const lineage = (id: number): string => {
    const names: string[] = [];
    for (let t: number | undefined = id; t !== undefined && names.length < 6; t = parent.get(t)) names.push(result.taskNames[t] ?? `task#${t}`);
    return names.join(' <- ');
  };
  const kernel: DocTask = { id: -1, name: 'kernel', parent: null, lineage: 'kernel', group: 'kernel' };
  return [kernel, ...result.taskNames.map((name, id) => ({ id, name, parent: parent.get(id) ?? null, lineage: lineage(id), group: taskGroup(id, name) }))];
}

/** The last transition's seq of every resource generation, by `id.gen`, with its pool. */
function lastTransitions(events: readonly DocEvent[]): Map<string, { pool: string; seq: number }> {
  const out = new Map<string, { pool: string; seq: number }>();
  for (const e of events) if (e.res !== undefined) out.set(resourceKey(e.res.id, e.res.gen), { pool: e.res.pool, seq: e.seq });
  return out;
}

/** The resource generation a violation is about: the evidence's own, else its history's last. */
function violationResource(v: Violation, lastSeen: ReadonlyMap<string, { pool: string }>): DocViolation['resource'] {
  const id = v.evidence.blockId;
  if (id === undefined) return null;
  const hist = v.evidence.history ?? [];
  const gen = v.evidence.gen ?? hist[hist.length - 1]?.gen ?? 0;
  const key = resourceKey(id, gen);
  return { pool: lastSeen.get(key)?.pool ?? '', id, gen, key };
}

function docViolation(v: Violation, events: readonly DocEvent[], lastSeen: ReadonlyMap<string, { pool: string; seq: number }>): DocViolation {
  const resource = violationResource(v, lastSeen);
  const anchor = resource !== null && v.property === 'block-lifecycle' ? lastSeen.get(resource.key)?.seq : undefined;
  return { property: v.property, message: v.message, resource, step: v.evidence.step, time: v.evidence.time, tasks: v.evidence.tasks ?? [], anchor: anchor ?? anchorAtStep(v, events) };
}

/** The last event at or before the violation's detection step. */
function anchorAtStep(v: Violation, events: readonly DocEvent[]): number {
  let last = -1;
  for (const e of events) {
    if (e.step > v.evidence.step) break;
    last = e.seq;
  }
  return last;
}

/** Decision indexes of resource transitions, from the violations' evidence histories. */
function decisionsBySeq(vs: readonly Violation[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const v of vs) for (const h of v.evidence.history ?? []) out.set(h.seq, h.decision);
  return out;
}
