/**
 * The causal slice of a failure: from the violating step, the steps it depends on,
 * backwards through hand-off edges, plus every transition of the violating resource and
 * what its holder did when it walked away from it. Pure (runs in the viewer too).
 *
 * Around the failure, the steps each task took since it last woke are in the slice (the
 * code between two blocking points is one atomic run); for each event in it, so is the
 * source of every hand-off into its task's steps since it last woke, and further back
 * only the steps that received such a hand-off. The walk goes back at most
 * {@link MAX_HOPS} hand-offs, so the slice stays a story rather than the whole run.
 */
import type { DocEdge, DocEvent, DocResource, TraceDoc } from './trace-doc-types.ts';

/** Hand-offs followed back from the failure. */
export const MAX_HOPS = 6;
/** Steps of one task walked back from an event, looking for the point where it last woke. */
const MAX_WALK = 64;
/** Of those, the steps kept as context around the failure itself. */
const MAX_CONTEXT = 8;
/** Events of the holder's wake-up after its last transition. */
const MAX_WALK_AWAY = 6;

/** Indexes of a document that slices need: events by task and edges by target. */
export interface SliceIndex {
  /** For each event, its position in its task's event list. */
  readonly posInTask: Int32Array;
  /** Event seqs by task id (the kernel's under key -1). */
  readonly byTask: ReadonlyMap<number, readonly number[]>;
  /** Edges ending at each seq. */
  readonly into: ReadonlyMap<number, readonly DocEdge[]>;
}

/** Builds the indexes once per document. */
export function sliceIndex(events: readonly DocEvent[], edges: readonly DocEdge[]): SliceIndex {
  const posInTask = new Int32Array(events.length);
  const byTask = new Map<number, number[]>();
  for (const e of events) {
    let l = byTask.get(e.task);
    if (l === undefined) {
      l = [];
      byTask.set(e.task, l);
    }
    posInTask[e.seq] = l.length;
    l.push(e.seq);
  }
  const into = new Map<number, DocEdge[]>();
  for (const ed of edges) {
    const l = into.get(ed.to);
    if (l === undefined) into.set(ed.to, [ed]);
    else l.push(ed);
  }
  return { posInTask, byTask, into };
}

/** The causal slice (ascending seqs) of violation `vi`. */
export function causalSlice(doc: Pick<TraceDoc, 'events' | 'edges' | 'resources' | 'violations'>, vi: number, index = sliceIndex(doc.events, doc.edges)): number[] {
  const v = doc.violations[vi];
  if (v === undefined) return [];
  const res = v.resource === null ? undefined : doc.resources.find((r) => r.pool === v.resource?.pool && r.key === v.resource.key);
  const seeds = res === undefined ? [] : res.transitions.map((s) => s.seq);
  if (res !== undefined) seeds.push(...walkAway(doc.events, index, res));
  if (v.anchor >= 0) seeds.push(v.anchor);
  const inSlice = new Set<number>();
  let frontier = [...new Set(seeds)];
  for (let hop = 0; frontier.length > 0 && hop <= MAX_HOPS; hop++) {
    const next: number[] = [];
    for (const s of frontier) {
      localSteps(doc.events, index, s).forEach((x, k) => {
        const into = index.into.get(x) ?? [];
        // Around the failure itself the last steps since the task woke are context; further
        // back only the steps that received a hand-off are, so the slice stays on the causal chain.
        if (inSlice.has(x) || (x !== s && into.length === 0 && (hop > 0 || k >= MAX_CONTEXT))) return;
        inSlice.add(x);
        for (const ed of into) if (!inSlice.has(ed.from)) next.push(ed.from);
      });
    }
    frontier = next;
  }
  return [...inSlice].sort((a, b) => a - b);
}

/** `seq` and the steps its task took before it since it last woke (back to its previous blocking event). */
function localSteps(events: readonly DocEvent[], index: SliceIndex, seq: number): number[] {
  const e = events[seq];
  if (e === undefined) return [];
  const list = index.byTask.get(e.task) ?? [];
  const out = [seq];
  if (e.task < 0) return out;
  for (let j = (index.posInTask[seq] as number) - 1; j >= 0 && out.length < MAX_WALK; j--) {
    const x = list[j] as number;
    out.push(x);
    if (events[x]?.blocked) break;
  }
  return out;
}

/**
 * What the resource's holder did when it walked away: the task of its last transition
 * other than the pool's answerers, from its first blocking point after that transition
 * to the next one (for a leak: the caller waking up and returning without freeing).
 */
function walkAway(events: readonly DocEvent[], index: SliceIndex, res: DocResource): number[] {
  const acquire = res.transitions.find((s) => s.event === 'acquire');
  if (acquire === undefined || acquire.task < 0) return [];
  const own = res.transitions.filter((s) => s.task === acquire.task);
  const last = own[own.length - 1];
  if (last === undefined || res.fate === 'freed') return [];
  const list = index.byTask.get(acquire.task) ?? [];
  let j = index.posInTask[last.seq] as number;
  while (j < list.length && !events[list[j] as number]?.blocked) j++;
  const out: number[] = [];
  for (j++; j < list.length && out.length < MAX_WALK_AWAY; j++) {
    const x = list[j] as number;
    out.push(x);
    if (events[x]?.blocked) break;
  }
  return out;
}
