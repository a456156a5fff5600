/**
 * A lossless, compact encoding of the trace document for the HTML page: events and edges
 * as delta-coded columns with a string table, resource transitions as seqs into the
 * events (whose typed fields they repeat). `unpackDoc(packDoc(doc))` is `doc` exactly, so
 * the page holds the same document `--trace json` prints, at about a fifth of its size.
 * Pure: the viewer unpacks it in the browser.
 */
import type { DocEdge, DocEvent, DocOp, DocResource, DocResourceStep, EdgeKind, Fate, TraceDoc } from '../trace-doc-types.ts';

const OPS: readonly DocOp[] = ['recv', 'send', 'select', 'sleep', 'yield', 'spawn', 'exit', 'panic', 'timer', 'note'];
const KINDS: readonly EdgeKind[] = ['send', 'recv', 'close', 'timer', 'spawn', 'unlock', 'cancel', 'happens-before'];
const FATES: readonly Fate[] = ['freed', 'abandoned', 'never-freed', 'use-after-free', 'double-free', 'unpooled'];
const BLOCKED = 16;

/** The packed document (format `dst-trace-packed/1`). */
export interface PackedDoc {
  readonly format: 'dst-trace-packed/1';
  readonly header: TraceDoc['header'];
  readonly tasks: TraceDoc['tasks'];
  readonly channels: readonly string[];
  readonly violations: TraceDoc['violations'];
  readonly failure: TraceDoc['failure'];
  /** Strings: texts, pools, events, states, notes. */
  readonly strings: readonly string[];
  /** Event columns, one entry per event (seq is the index). */
  readonly step: readonly number[];
  readonly t: readonly number[];
  readonly task: readonly number[];
  /** Op index, plus 16 when blocked. */
  readonly op: readonly number[];
  /** The operation's number: channel, child, timer or sleep duration; -1 when none. */
  readonly aux: readonly number[];
  /** select: case index * 2 + (1 for send); -1 when none. */
  readonly sel: readonly number[];
  /** Text string index, -1 when none. */
  readonly text: readonly number[];
  /** Resource transition: [event seq, pool, id, gen, event, state, note (-1 none)] string indexes, flattened. */
  readonly res: readonly number[];
  /** Resources: per generation [fate index, count, ...delta-coded transition seqs, ...decisions (-1 none)]. */
  readonly resources: readonly number[];
  /** Edges: per edge from (delta-coded), to - from, kind index (+ 16 when inferred), flattened. */
  readonly edges: readonly number[];
}

class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(s: string | undefined): number {
    if (s === undefined) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

function deltas(xs: readonly number[]): number[] {
  const out = new Array<number>(xs.length);
  let prev = 0;
  for (let i = 0; i < xs.length; i++) {
    out[i] = (xs[i] as number) - prev;
    prev = xs[i] as number;
  }
  return out;
}

function auxOf(e: DocEvent): number {
  return e.chan ?? e.child ?? e.timer ?? e.sleepUs ?? -1;
}

/** Packs a document. */
export function packDoc(doc: TraceDoc): PackedDoc {
  const s = new Strings();
  const ev = doc.events;
  const res: number[] = [];
  for (const e of ev) {
    const r = e.res;
    if (r !== undefined) res.push(e.seq, s.id(r.pool), r.id, r.gen, s.id(r.event), s.id(r.state), s.id(r.note));
  }
  const resources: number[] = [];
  for (const r of doc.resources) {
    resources.push(FATES.indexOf(r.fate), r.transitions.length, ...deltas(r.transitions.map((x) => x.seq)), ...r.transitions.map((x) => x.decision ?? -1));
  }
  const edges: number[] = [];
  let prev = 0;
  for (const e of doc.edges) {
    edges.push(e.from - prev, e.to - e.from, KINDS.indexOf(e.kind) + (e.inferred ? 16 : 0));
    prev = e.from;
  }
  return {
    format: 'dst-trace-packed/1',
    header: doc.header,
    tasks: doc.tasks,
    channels: doc.channels.map((c) => c.name),
    violations: doc.violations,
    failure: doc.failure,
    step: deltas(ev.map((e) => e.step)),
    t: deltas(ev.map((e) => e.t)),
    task: ev.map((e) => e.task),
    op: ev.map((e) => OPS.indexOf(e.op) + (e.blocked ? BLOCKED : 0)),
    aux: ev.map(auxOf),
    sel: ev.map((e) => (e.case === undefined ? -1 : e.case * 2 + (e.dir === 'send' ? 1 : 0))),
    text: ev.map((e) => s.id(e.text)),
    res,
    resources,
    edges,
    strings: s.list,
  };
}

/** Unpacks a document (the inverse of {@link packDoc}). */
export function unpackDoc(p: PackedDoc): TraceDoc {
  const str = (i: number): string | undefined => (i < 0 ? undefined : p.strings[i]);
  const resAt = new Map<number, number>();
  for (let i = 0; i < p.res.length; i += 7) resAt.set(p.res[i] as number, i);
  const events: DocEvent[] = new Array(p.op.length);
  let step = 0;
  let t = 0;
  for (let i = 0; i < p.op.length; i++) {
    step += p.step[i] as number;
    t += p.t[i] as number;
    const code = p.op[i] as number;
    const op = OPS[code & 15] as DocOp;
    const aux = p.aux[i] as number;
    const sel = p.sel[i] as number;
    const text = str(p.text[i] as number);
    const base = { seq: i, step, t, task: p.task[i] as number, op, ...((code & BLOCKED) !== 0 && { blocked: true as const }) };
    const txt = text === undefined ? {} : { text };
    let e: DocEvent;
    if (op === 'recv' || op === 'send') e = aux < 0 ? base : { ...base, chan: aux };
    else if (op === 'select') e = sel < 0 ? base : { ...base, case: sel >> 1, chan: aux, dir: (sel & 1) === 1 ? 'send' : 'recv' };
    else if (op === 'sleep') e = { ...base, sleepUs: aux };
    else if (op === 'spawn') e = { ...base, child: aux, ...txt };
    else if (op === 'timer') e = { ...base, timer: aux, ...txt };
    else if (op === 'note') {
      const j = resAt.get(i);
      if (j === undefined) e = { ...base, ...txt };
      else {
        const note = str(p.res[j + 6] as number);
        const res = { pool: str(p.res[j + 1] as number) as string, id: p.res[j + 2] as number, gen: p.res[j + 3] as number, event: str(p.res[j + 4] as number) as string, state: str(p.res[j + 5] as number) as string };
        e = { ...base, ...txt, res: note === undefined ? res : { ...res, note } };
      }
    } else e = { ...base, ...txt };
    events[i] = e;
  }
  return {
    header: p.header,
    tasks: p.tasks,
    channels: p.channels.map((name, id) => ({ id, name })),
    events,
    resources: unpackResources(p.resources, events),
    violations: p.violations,
    edges: unpackEdges(p.edges),
    failure: p.failure,
  };
}

function unpackResources(xs: readonly number[], events: readonly DocEvent[]): DocResource[] {
  const out: DocResource[] = [];
  for (let i = 0; i < xs.length; ) {
    const fate = FATES[xs[i] as number] as Fate;
    const n = xs[i + 1] as number;
    const seqs: number[] = [];
    let seq = 0;
    for (let k = 0; k < n; k++) seqs.push((seq += xs[i + 2 + k] as number));
    const transitions = seqs.map((sq, k): DocResourceStep => {
      const e = events[sq] as DocEvent;
      const r = e.res as NonNullable<DocEvent['res']>;
      const d = xs[i + 2 + n + k] as number;
      const base: DocResourceStep = { seq: sq, t: e.t, task: e.task, event: r.event, state: r.state };
      return { ...base, ...(r.note !== undefined && { note: r.note }), ...(d >= 0 && { decision: d }) };
    });
    const r0 = (events[seqs[0] as number] as DocEvent).res as NonNullable<DocEvent['res']>;
    out.push({ key: `${r0.id}.${r0.gen}`, pool: r0.pool, id: r0.id, gen: r0.gen, fate, transitions });
    i += 2 + 2 * n;
  }
  return out;
}

function unpackEdges(xs: readonly number[]): DocEdge[] {
  const out: DocEdge[] = [];
  let from = 0;
  for (let i = 0; i < xs.length; i += 3) {
    from += xs[i] as number;
    const k = xs[i + 2] as number;
    const e: DocEdge = { from, to: from + (xs[i + 1] as number), kind: KINDS[k & 15] as EdgeKind };
    out.push(k >= 16 ? { ...e, inferred: true } : e);
  }
  return out;
}
