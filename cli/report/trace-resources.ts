/**
 * Resource lifetimes from a whole trace: every generation of every tracked resource with
 * its transitions (from the events' typed fields) and its fate. Always built from the
 * whole trace, so no view that shows part of it can make a freed block look leaked.
 */
import type { DocEvent, DocResource, DocResourceStep, DocViolation, Fate } from './trace-doc-types.ts';

/** The `id.gen` key of a resource generation, as messages and timelines name it. */
export function resourceKey(id: number, gen: number): string {
  return `${id}.${gen}`;
}

/** Fates that a violation gives a generation, strongest first. */
const VIOLATION_FATES: readonly (readonly [string, Fate])[] = [
  ['double-free', 'double-free'],
  ['use-after-free', 'use-after-free'],
  ['block-lifecycle', 'never-freed'],
];

/**
 * Groups the events' transitions by pool, id and generation, in trace order.
 * `decisions` maps a transition's seq to its decision index where the evidence has it.
 */
export function buildResources(events: readonly DocEvent[], violations: readonly DocViolation[], decisions: ReadonlyMap<number, number>): DocResource[] {
  const byKey = new Map<string, { pool: string; id: number; gen: number; steps: DocResourceStep[]; pooled: boolean }>();
  const order: string[] = [];
  for (const e of events) {
    const r = e.res;
    if (r === undefined) continue;
    const k = `${r.pool}\u0000${resourceKey(r.id, r.gen)}`;
    let g = byKey.get(k);
    if (g === undefined) {
      g = { pool: r.pool, id: r.id, gen: r.gen, steps: [], pooled: r.event !== 'make-unpooled' };
      byKey.set(k, g);
      order.push(k);
    }
    const d = decisions.get(e.seq);
    const step: DocResourceStep = { seq: e.seq, t: e.t, task: e.task, event: r.event, state: r.state };
    g.steps.push({ ...step, ...(r.note !== undefined && { note: r.note }), ...(d !== undefined && { decision: d }) });
  }
  const violated = new Map<string, Set<string>>();
  for (const v of violations) {
    if (v.resource === null) continue;
    const k = `${v.resource.pool}\u0000${v.resource.key}`;
    const s = violated.get(k) ?? new Set<string>();
    s.add(v.property);
    violated.set(k, s);
  }
  return order.map((k) => {
    const g = byKey.get(k) as NonNullable<ReturnType<typeof byKey.get>>;
    return { key: resourceKey(g.id, g.gen), pool: g.pool, id: g.id, gen: g.gen, fate: fateOf(g.steps, g.pooled, violated.get(k)), transitions: g.steps };
  });
}

function fateOf(steps: readonly DocResourceStep[], pooled: boolean, props: ReadonlySet<string> | undefined): Fate {
  for (const [p, f] of VIOLATION_FATES) if (props?.has(p)) return f;
  if (steps.filter((s) => s.event === 'free').length > 1) return 'double-free';
  if (!pooled) return 'unpooled';
  const last = steps[steps.length - 1];
  if (last?.event === 'free') return 'freed';
  if (steps.some((s) => s.state === 'abandoned')) return 'abandoned';
  return 'never-freed';
}
