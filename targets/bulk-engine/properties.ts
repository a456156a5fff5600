/**
 * The bulk engine's own properties, each a pure function of a finished run: who owns a
 * block (lifecycle, use after free, double free), and whether callers got exactly one,
 * durable answer.
 */
import type { Resource } from '../../sim/index.ts';
import type { TargetProperty } from '../../harness/target.ts';
import type { Violation } from '../../properties/violation.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { EngineWorld } from '../../scenario/world.ts';
import { explainLeak } from './explain.ts';
import { callOf } from './explain.ts';
import { factsOf, type RunFacts } from './facts.ts';
import { PROGRESS_PROPERTIES } from './progress-properties.ts';
import { durableSignature, lifecycleSignature, outcomeSignature, poolSignature } from './signature.ts';

/** A property of the bulk engine, over the facts of a run. */
type EngineProperty = TargetProperty<Scenario, EngineWorld>;

function property(name: string, severity: EngineProperty['severity'], description: string, check: (f: RunFacts) => Violation[]): EngineProperty {
  return { name, severity, description, check: (run) => check(factsOf(run)) };
}

const at = (f: RunFacts) => ({ step: f.result.steps, time: f.result.time });

/** Whether the run ended by a crash (a panic or a kernel assertion) or a broken replay: it never reached its end. */
function crashed(f: RunFacts): boolean {
  const k = f.result.outcome.kind;
  return k === 'panic' || k === 'kernel-assertion' || k === 'nondeterminism' || k === 'replay-divergence';
}

/**
 * `block-lifecycle`: every pooled block freed exactly once or abandoned by a drain that
 * timed out. When the run crashed, a block whose caller was still inside its call is not
 * reported: the crash cut the call short (the crash is the finding).
 */
export const blockLifecycle = property('block-lifecycle', 'pool-accounting', 'a block acquired from the pool ends the run neither freed exactly once nor abandoned by a drain that reached its timeout', (f) =>
  f.poolViolations
    .filter((v) => v.kind === 'leak' && !(crashed(f) && callOf(f, v.history.findLast((e) => e.event === 'acquire' && e.gen === v.gen))?.end === null))
    .map((v) => ({ property: 'block-lifecycle', message: explainLeak(f, v), signature: lifecycleSignature(f, v), evidence: { blockId: v.resourceId, gen: v.gen, history: v.history, step: v.step, time: v.time } })),
);

/**
 * `use-after-free`: no access through a stale or freed handle. Every field a task touches
 * on one stale block is reported, but they share the signature of its first touch: a
 * flush walking a freed block touches `flush`, `buf`, `ch`, ... because of one bug.
 */
export const useAfterFree = property('use-after-free', 'memory-corruption', 'engine code touches a block (any field, next included) after it was freed or handed back', (f) => {
  const firstTouch = new Map<string, string>();
  return f.poolViolations
    .filter((v) => v.kind === 'use-after-free')
    .map((v) => {
      const key = `${v.resourceId}.${v.gen}\u0000${v.task}`;
      let sig = firstTouch.get(key);
      if (sig === undefined) {
        sig = poolSignature('use-after-free', v);
        firstTouch.set(key, sig);
      }
      return { property: 'use-after-free', message: v.message, signature: sig, evidence: { blockId: v.resourceId, gen: v.gen, history: v.history, tasks: [v.task], step: v.step, time: v.time } };
    });
});

/** `double-free`: no block freed twice, none freed that the pool never gave out. */
export const doubleFree = property('double-free', 'memory-corruption', 'a block is freed twice, or a block the pool never gave out is freed', (f) =>
  f.poolViolations
    .filter((v) => v.kind === 'double-free' || v.kind === 'foreign-free')
    .map((v) => ({ property: 'double-free', message: v.message, signature: poolSignature('double-free', v), evidence: { blockId: v.resourceId, gen: v.gen, history: v.history, tasks: [v.task], step: v.step, time: v.time } })),
);

/** `one-outcome-per-call`: each call returns once; no block is answered twice in one generation. */
export const oneOutcomePerCall = property('one-outcome-per-call', 'wrong-answer', 'an API call returns twice, or never returns while its task is not reported stuck', (f) => {
  const out: Violation[] = [];
  const live = new Set(f.result.live.map((t) => t.name));
  const ended = f.result.outcome.kind === 'ok' || f.result.outcome.kind === 'stopped' || f.result.outcome.kind === 'deadlock';
  for (const c of f.calls) {
    if (c.returns > 1) out.push({ property: 'one-outcome-per-call', message: `${c.op} call #${c.id} by ${c.task} returned ${c.returns} times`, signature: outcomeSignature(c.op, 'returned twice'), evidence: { tasks: [c.task], ...at(f) } });
    else if (c.returns === 0 && ended && !live.has(c.task)) {
      out.push({ property: 'one-outcome-per-call', message: `${c.op} call #${c.id} by ${c.task} never returned, yet its task is not stuck`, signature: outcomeSignature(c.op, 'never returned'), evidence: { tasks: [c.task], ...at(f) } });
    }
  }
  for (const b of f.blocks) out.push(...doubleAnswers(f, b));
  return out;
});

function doubleAnswers(f: RunFacts, b: Resource<unknown>): Violation[] {
  const seen = new Map<number, number>();
  const out: Violation[] = [];
  for (const e of b.history) {
    if (e.event !== 'answer') continue;
    const n = (seen.get(e.gen) ?? 0) + 1;
    seen.set(e.gen, n);
    if (n !== 2) continue;
    const op = callOf(f, b.history.findLast((x) => x.event === 'acquire' && x.gen === e.gen))?.op ?? 'no call';
    out.push({ property: 'one-outcome-per-call', message: `block ${b.id}.${e.gen} was answered twice: its caller can see a stale response`, signature: outcomeSignature(op, 'block answered twice'), evidence: { blockId: b.id, gen: e.gen, history: b.history.slice(), tasks: [e.task], step: e.step, time: e.time } });
  }
  return out;
}

/**
 * `durable-acks`: every acknowledged write must be reflected at the end. A field's final
 * value may be that of an acknowledged write that no later-issued acknowledged write
 * superseded (writes that overlapped in time may land in either order), or that of any
 * unacknowledged attempt that may have landed (a caller that gave up does not stop its
 * request from landing later; one Elasticsearch refused cannot have, unless the ES client
 * retried it after an attempt that landed). A retried write may land more than once: each
 * landing leaves one of the values already allowed. Anything else (a missing document, or
 * a value nobody may have left there) means an acknowledged write was lost.
 */
export const durableAcks = property('durable-acks', 'wrong-answer', 'a write the engine acknowledged as successful is missing or different in the fake Elasticsearch at the end', (f) => {
  const out: Violation[] = [];
  const calls = new Map(f.calls.map((c) => [c.id, c]));
  const byField = new Map<string, { index: string; id: string; field: string; acked: { start: number; end: number; value: unknown; op: string }[]; unacked: unknown[] }>();
  for (const w of f.writes) {
    const c = calls.get(w.call);
    for (const [field, value] of Object.entries(w.fields)) {
      const key = `${w.index}\u0000${w.id}\u0000${field}`;
      let e = byField.get(key);
      if (e === undefined) {
        e = { index: w.index, id: w.id, field, acked: [], unacked: [] };
        byField.set(key, e);
      }
      if (w.acked && c !== undefined) e.acked.push({ start: c.startSeq, end: c.endSeq ?? Number.POSITIVE_INFINITY, value, op: c.op });
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
        signature: durableSignature(last.op, doc === undefined),
        evidence: at(f),
      });
    }
  }
  return out;
});

/** The bulk engine's properties (the core ones are added by the framework). */
export const ENGINE_PROPERTIES: readonly EngineProperty[] = [useAfterFree, doubleFree, oneOutcomePerCall, durableAcks, blockLifecycle, ...PROGRESS_PROPERTIES];
