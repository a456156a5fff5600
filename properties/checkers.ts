/**
 * The property checkers: each a pure function from run facts to violations.
 * (`determinism` compares two runs and lives in the harness.)
 */
import type { Resource } from '../sim/index.ts';
import { explainLeak } from './explain.ts';
import type { RunFacts } from './facts.ts';
import type { PropertyName } from './names.ts';
import type { Violation } from './violation.ts';

/** A checker of one property. */
export type Checker = (facts: RunFacts) => Violation[];

const at = (f: RunFacts) => ({ step: f.result.steps, time: f.result.time });

/** `block-lifecycle`: every pooled block freed exactly once or abandoned by a drain that timed out. */
export const blockLifecycle: Checker = (f) =>
  f.poolViolations
    .filter((v) => v.kind === 'leak')
    .map((v) => ({ property: 'block-lifecycle', message: explainLeak(f, v), evidence: { blockId: v.resourceId, history: v.history, step: v.step, time: v.time } }));

/** `use-after-free`: no access through a stale or freed handle. */
export const useAfterFree: Checker = (f) =>
  f.poolViolations
    .filter((v) => v.kind === 'use-after-free')
    .map((v) => ({ property: 'use-after-free', message: v.message, evidence: { blockId: v.resourceId, history: v.history, tasks: [v.task], step: v.step, time: v.time } }));

/** `double-free`: no block freed twice, none freed that the pool never gave out. */
export const doubleFree: Checker = (f) =>
  f.poolViolations
    .filter((v) => v.kind === 'double-free' || v.kind === 'foreign-free')
    .map((v) => ({ property: 'double-free', message: v.message, evidence: { blockId: v.resourceId, history: v.history, tasks: [v.task], step: v.step, time: v.time } }));

/** `no-panic`: no task panicked (also reports kernel assertions, which are tool bugs). */
export const noPanic: Checker = (f) => {
  const o = f.result.outcome;
  if (o.kind !== 'panic' && o.kind !== 'kernel-assertion') return [];
  return [{ property: 'no-panic', message: o.kind === 'panic' ? o.message : `kernel assertion (a bug in the tool): ${o.message}`, evidence: { tasks: o.task ? [o.task] : [], step: o.step, time: o.time } }];
};

/** `one-outcome-per-call`: each call returns once; no block is answered twice in one generation. */
export const oneOutcomePerCall: Checker = (f) => {
  const out: Violation[] = [];
  const live = new Set(f.result.live.map((t) => t.name));
  const ended = f.result.outcome.kind === 'ok' || f.result.outcome.kind === 'stopped' || f.result.outcome.kind === 'deadlock';
  for (const c of f.calls) {
    if (c.returns > 1) out.push({ property: 'one-outcome-per-call', message: `${c.op} call #${c.id} by ${c.task} returned ${c.returns} times`, evidence: { tasks: [c.task], ...at(f) } });
    else if (c.returns === 0 && ended && !live.has(c.task)) {
      out.push({ property: 'one-outcome-per-call', message: `${c.op} call #${c.id} by ${c.task} never returned, yet its task is not stuck`, evidence: { tasks: [c.task], ...at(f) } });
    }
  }
  for (const b of f.blocks) out.push(...doubleAnswers(b, f));
  return out;
};

function doubleAnswers(b: Resource<unknown>, f: RunFacts): Violation[] {
  const seen = new Map<number, number>();
  const out: Violation[] = [];
  for (const e of b.history) {
    if (e.event !== 'answer') continue;
    const n = (seen.get(e.gen) ?? 0) + 1;
    seen.set(e.gen, n);
    if (n === 2) out.push({ property: 'one-outcome-per-call', message: `block ${b.id}.${e.gen} was answered twice: its caller can see a stale response`, evidence: { blockId: b.id, history: b.history.slice(), tasks: [e.task], step: e.step, time: e.time } });
  }
  return out;
}

/** `no-stuck-tasks`: nothing non-daemon alive after the drain period; no deadlock; budgets not hit. */
export const noStuckTasks: Checker = (f) => {
  const o = f.result.outcome;
  if (o.kind === 'step-budget' || o.kind === 'time-budget') {
    return [{ property: 'no-stuck-tasks', message: `${o.message}: the run did not settle (${f.result.live.length} tasks alive)`, evidence: { tasks: f.result.live.slice(0, 20).map((t) => `${t.lineage}: ${t.waitingOn}`), step: o.step, time: o.time } }];
  }
  if (f.result.live.length === 0) return [];
  const first = f.result.live[0];
  const head = o.kind === 'deadlock' ? 'all goroutines are asleep - deadlock!' : `${f.result.live.length} task(s) still blocked after the drain period`;
  return [
    {
      property: 'no-stuck-tasks',
      message: `${head} (first: ${first?.name} waiting on ${first?.waitingOn})`,
      evidence: { tasks: f.result.live.slice(0, 50).map((t) => `${t.lineage}: ${t.waitingOn}`), step: o.step, time: o.time },
    },
  ];
};

/**
 * `durable-acks`: every acknowledged write must be reflected at the end. A field's final
 * value may be that of an acknowledged write that no later-issued acknowledged write
 * superseded (writes that overlapped in time may land in either order), or that of any
 * unacknowledged attempt that may have landed (a caller that gave up does not stop its
 * request from landing later; one Elasticsearch refused cannot have). Anything else (a missing document, or a value nobody may have left there)
 * means an acknowledged write was lost.
 */
export const durableAcks: Checker = (f) => {
  const out: Violation[] = [];
  const calls = new Map(f.calls.map((c) => [c.id, c]));
  const byField = new Map<string, { index: string; id: string; field: string; acked: { start: number; end: number; value: unknown }[]; unacked: unknown[] }>();
  for (const w of f.writes) {
    const c = calls.get(w.call);
    for (const [field, value] of Object.entries(w.fields)) {
      const key = `${w.index}\u0000${w.id}\u0000${field}`;
      let e = byField.get(key);
      if (e === undefined) {
        e = { index: w.index, id: w.id, field, acked: [], unacked: [] };
        byField.set(key, e);
      }
      if (w.acked && c !== undefined) e.acked.push({ start: c.startSeq, end: c.endSeq ?? Number.POSITIVE_INFINITY, value });
      else if (w.mayHaveLanded) e.unacked.push(value);
    }
  }
  for (const e of byField.values()) {
    if (e.acked.length === 0) continue;
    const lastStart = Math.max(...e.acked.map((a) => a.start));
    const allowed = e.acked.filter((a) => !(lastStart > a.end)).map((a) => a.value).concat(e.unacked);
    const doc = f.readDocument(e.index, e.id);
    const actual = doc === undefined ? undefined : (doc.source as Record<string, unknown> | null)?.[e.field];
    if (!allowed.some((v) => JSON.stringify(v) === JSON.stringify(actual))) {
      const last = e.acked.reduce((a, b) => (b.start > a.start ? b : a));
      out.push({
        property: 'durable-acks',
        message: `acknowledged write to ${e.index}/${e.id} field ${e.field} = ${JSON.stringify(last.value)} is ${doc === undefined ? 'missing (no document)' : `stored as ${JSON.stringify(actual)}`}`,
        evidence: at(f),
      });
    }
  }
  return out;
};

/**
 * Checkers by property (all but `determinism`), in order of severity: a crash first,
 * then memory safety, then wrong answers, then liveness, then pool accounting. The
 * first violation of a run is the one its report leads with.
 */
export const CHECKERS: Readonly<Record<Exclude<PropertyName, 'determinism'>, Checker>> = {
  'no-panic': noPanic,
  'use-after-free': useAfterFree,
  'double-free': doubleFree,
  'one-outcome-per-call': oneOutcomePerCall,
  'durable-acks': durableAcks,
  'no-stuck-tasks': noStuckTasks,
  'block-lifecycle': blockLifecycle,
};

/** Runs every checker; violations in severity order. */
export function checkAll(f: RunFacts): Violation[] {
  return Object.values(CHECKERS).flatMap((c) => c(f));
}
