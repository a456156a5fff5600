/**
 * The viewer's model: the trace document plus the indexes every view needs, built once
 * (events by task, times, edges by endpoint, resources by row, the slice index, known
 * decision indexes).
 */
import { describeEvent, namesOf, type Names } from '../../trace-describe.ts';
import type { DocEdge, DocEvent, DocResource, DocTask, TraceDoc } from '../../trace-doc-types.ts';
import { causalSlice, sliceIndex, type SliceIndex } from '../../trace-slice.ts';

/** One row of resource spans: every generation of one resource id in one pool. */
export interface ResourceRow {
  readonly pool: string;
  readonly id: number;
  readonly gens: readonly DocResource[];
}

/** What the viewer knows about a failure it can centre on. */
export interface Focus {
  readonly violation: number;
  readonly resource: DocResource | null;
  readonly slice: ReadonlySet<number>;
  /** Tasks that touched the resource or appear in the slice. */
  readonly tasks: ReadonlySet<number>;
  /** Time window to open on, µs. */
  readonly t0: number;
  readonly t1: number;
}

/** The document with its indexes. */
export class Model {
  readonly names: Names;
  readonly tasks: ReadonlyMap<number, DocTask>;
  /** Event times by seq (non-decreasing). */
  readonly times: Float64Array;
  /** Event seqs by task. */
  readonly byTask: ReadonlyMap<number, Int32Array>;
  /** For each event, the next event of the same task (-1: none). */
  readonly nextOfTask: Int32Array;
  readonly resourceRows: readonly ResourceRow[];
  /** Resource generation of each transition event. */
  readonly resourceOf: ReadonlyMap<number, DocResource>;
  readonly edgesFrom: ReadonlyMap<number, readonly DocEdge[]>;
  readonly edgesTo: ReadonlyMap<number, readonly DocEdge[]>;
  readonly slices: SliceIndex;
  /** Seqs with a known decision index, ascending, and those indexes. */
  readonly decisionSeqs: number[] = [];
  readonly decisionAt: number[] = [];
  /** Lower-cased search text of each event (task name and description), built on first search. */
  private searchText: string[] | null = null;
  readonly endUs: number;

  constructor(readonly doc: TraceDoc) {
    this.names = namesOf(doc);
    this.tasks = new Map(doc.tasks.map((t) => [t.id, t]));
    const n = doc.events.length;
    this.times = new Float64Array(n);
    const lists = new Map<number, number[]>();
    for (const e of doc.events) {
      this.times[e.seq] = e.t;
      let l = lists.get(e.task);
      if (l === undefined) lists.set(e.task, (l = []));
      l.push(e.seq);
    }
    const byTask = new Map<number, Int32Array>();
    this.nextOfTask = new Int32Array(n).fill(-1);
    for (const [task, l] of lists) {
      byTask.set(task, Int32Array.from(l));
      for (let i = 0; i + 1 < l.length; i++) this.nextOfTask[l[i] as number] = l[i + 1] as number;
    }
    this.byTask = byTask;
    const rows = new Map<string, { pool: string; id: number; gens: DocResource[] }>();
    const resourceOf = new Map<number, DocResource>();
    for (const r of doc.resources) {
      const k = `${r.pool}\u0000${r.id}`;
      let row = rows.get(k);
      if (row === undefined) rows.set(k, (row = { pool: r.pool, id: r.id, gens: [] }));
      row.gens.push(r);
      for (const s of r.transitions) {
        resourceOf.set(s.seq, r);
        if (s.decision !== undefined) {
          this.decisionSeqs.push(s.seq);
          this.decisionAt.push(s.decision);
        }
      }
    }
    this.resourceRows = [...rows.values()].sort((a, b) => a.id - b.id || a.pool.localeCompare(b.pool));
    this.resourceOf = resourceOf;
    const order = this.decisionSeqs.map((s, i) => [s, this.decisionAt[i] as number] as const).sort((a, b) => a[0] - b[0]);
    this.decisionSeqs = order.map((x) => x[0]);
    this.decisionAt = order.map((x) => x[1]);
    const from = new Map<number, DocEdge[]>();
    const to = new Map<number, DocEdge[]>();
    for (const ed of doc.edges) {
      (from.get(ed.from) ?? from.set(ed.from, []).get(ed.from))?.push(ed);
      (to.get(ed.to) ?? to.set(ed.to, []).get(ed.to))?.push(ed);
    }
    this.edgesFrom = from;
    this.edgesTo = to;
    this.slices = sliceIndex(doc.events, doc.edges);
    const last = doc.events[n - 1];
    this.endUs = Math.max(doc.header.virtualTimeUs, last?.t ?? 0);
  }

  /** The event at `seq`. */
  event(seq: number): DocEvent {
    return this.doc.events[seq] as DocEvent;
  }

  /** One line for an event, e.g. `select case 0: send bulker.ch`. */
  describe(seq: number): string {
    return describeEvent(this.event(seq), this.names);
  }

  /** Seqs whose task name or description contains `q` (case-insensitive). */
  search(q: string): number[] {
    const needle = q.trim().toLowerCase();
    if (needle === '') return [];
    if (this.searchText === null) this.searchText = this.doc.events.map((e) => `${this.names.taskName(e.task)} ${describeEvent(e, this.names)}`.toLowerCase());
    const out: number[] = [];
    this.searchText.forEach((s, i) => {
      if (s.includes(needle)) out.push(i);
    });
    return out;
  }

  /** The decision index at `seq`: exact when known, else the known bounds around it. */
  decision(seq: number): { exact: number } | { after: number | null; before: number | null } {
    const i = this.decisionSeqs.indexOf(seq);
    if (i >= 0) return { exact: this.decisionAt[i] as number };
    let lo: number | null = null;
    let hi: number | null = null;
    for (let k = 0; k < this.decisionSeqs.length; k++) {
      const s = this.decisionSeqs[k] as number;
      if (s < seq) lo = this.decisionAt[k] as number;
      else {
        hi = this.decisionAt[k] as number;
        break;
      }
    }
    return { after: lo, before: hi };
  }

  /** The focus of violation `vi`: its resource generation, causal slice, tasks and window. */
  focus(vi: number): Focus | null {
    const v = this.doc.violations[vi];
    if (v === undefined) return null;
    const resource = v.resource === null ? null : (this.doc.resources.find((r) => r.pool === v.resource?.pool && r.key === v.resource.key) ?? null);
    const sliceSeqs = vi === this.doc.failure?.violation ? this.doc.failure.slice : causalSlice(this.doc, vi, this.slices);
    const slice = new Set(sliceSeqs);
    const tasks = new Set<number>();
    for (const s of resource?.transitions ?? []) tasks.add(s.task);
    for (const s of slice) tasks.add(this.event(s).task);
    for (const name of v.tasks) {
      const t = this.doc.tasks.find((x) => x.name === name.split(/[ :]/)[0]);
      if (t !== undefined) tasks.add(t.id);
    }
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    const span = resource !== null ? resource.transitions.map((s) => s.t) : sliceSeqs.map((s) => this.event(s).t);
    const anchor = this.doc.events[v.anchor];
    if (anchor !== undefined) span.push(anchor.t);
    for (const t of span) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    if (!Number.isFinite(lo)) [lo, hi] = [0, this.endUs];
    const pad = Math.max(1000, (hi - lo) * 0.08);
    return { violation: vi, resource, slice, tasks, t0: lo - pad, t1: hi + pad };
  }
}
