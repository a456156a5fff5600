/**
 * Draws the visible part of the timeline as SVG markup: lane labels and group headers,
 * waits, hand-off arrows, event markers, resource spans and their transfers. Only rows
 * in the scroll viewport and events in the time window are drawn, and events closer than
 * two pixels on one lane are thinned, so the cost of a frame does not grow with the trace.
 */
import type { DocEdge, DocEvent, DocResource } from '../../trace-doc-types.ts';
import type { Axis } from './axis.ts';
import { esc, lowerBound, upperBound } from './dom.ts';
import type { Focus, Model } from './model.ts';
import { GROUP_TITLES, ROW_H, type Row } from './rows.ts';
import type { ViewState } from './state.ts';

/** Width of the lane-label column, px. */
export const LABEL_W = 210;
/** Most arrows drawn in one frame. */
const MAX_EDGES = 4000;

/** Everything one frame needs. */
export interface Frame {
  readonly model: Model;
  readonly st: ViewState;
  readonly focus: Focus | null;
  readonly axis: Axis;
  readonly rows: readonly Row[];
  /** Top of each row in the scrolled content, px; one more entry: the total height. */
  readonly tops: readonly number[];
  readonly scrollTop: number;
  readonly width: number;
  readonly height: number;
}

/** Row height of a row. */
export function rowHeight(r: Row): number {
  return ROW_H[r.kind];
}

/** Tops of rows and the total height. */
export function rowTops(rows: readonly Row[]): number[] {
  const tops = [0];
  for (const r of rows) tops.push((tops[tops.length - 1] as number) + rowHeight(r));
  return tops;
}

/** Whether `seq` is drawn at full strength (no slice shown, or in it). */
function lit(f: Frame, seq: number): boolean {
  return !f.st.sliceOn || f.focus === null || f.focus.slice.has(seq);
}

/** The SVG markup of one frame. */
export function drawPlot(f: Frame): string {
  const { rows, tops, scrollTop, height } = f;
  const first = Math.max(0, upperBound(tops, scrollTop) - 1);
  const last = Math.min(rows.length, lowerBound(tops, scrollTop + height) + 1);
  const laneY = new Map<number, number>();
  const resY = new Map<string, number>();
  rows.forEach((r, i) => {
    const y = (tops[i] as number) - scrollTop + rowHeight(r) / 2;
    if (r.kind === 'task') laneY.set(r.task, y);
    else if (r.kind === 'resource') resY.set(`${r.row.pool}\u0000${r.row.id}`, y);
  });
  const back: string[] = [];
  const labels: string[] = [];
  for (let i = first; i < last; i++) drawRowFrame(f, rows[i] as Row, (tops[i] as number) - scrollTop, i, back, labels);
  const plot: string[] = [];
  for (let i = first; i < last; i++) {
    const r = rows[i] as Row;
    const y = (tops[i] as number) - scrollTop + rowHeight(r) / 2;
    if (r.kind === 'task') drawWaits(f, r.task, y, plot);
  }
  const visibleTasks: number[] = [];
  for (let i = first; i < last; i++) {
    const r = rows[i] as Row;
    if (r.kind === 'task') visibleTasks.push(r.task);
  }
  drawEdges(f, visibleTasks, laneY, plot);
  drawTransfers(f, laneY, resY, plot);
  for (let i = first; i < last; i++) {
    const r = rows[i] as Row;
    const y = (tops[i] as number) - scrollTop + rowHeight(r) / 2;
    if (r.kind === 'task') drawLane(f, r.task, y, plot);
    else if (r.kind === 'resource') drawResourceRow(f, r.row.gens, y, plot);
  }
  const pw = f.width - LABEL_W;
  return `${back.join('')}<clipPath id="plot-clip"><rect x="${LABEL_W}" y="0" width="${pw}" height="${height}"/></clipPath><g clip-path="url(#plot-clip)"><g transform="translate(${LABEL_W},0)">${plot.join('')}</g></g>${labels.join('')}`;
}

function drawRowFrame(f: Frame, r: Row, top: number, i: number, back: string[], labels: string[]): void {
  const h = rowHeight(r);
  if (r.kind === 'group') {
    back.push(`<rect class="group-bg" x="0" y="${top}" width="${f.width}" height="${h}"/>`);
    const hidden = r.total - r.shown;
    labels.push(
      `<text class="group-label" data-group="${r.group}" x="6" y="${top + 15}">${r.collapsed ? '▸' : '▾'} ${esc(GROUP_TITLES[r.group])} <tspan class="muted">${r.shown}${hidden > 0 ? ` of ${r.total}` : ''}</tspan></text>`,
    );
    return;
  }
  back.push(`<rect class="${i % 2 === 0 ? 'row-a' : 'row-b'}" x="0" y="${top}" width="${f.width}" height="${h}"/>`);
  if (r.kind === 'task') {
    const t = f.model.tasks.get(r.task);
    const inFocus = f.focus?.tasks.has(r.task) ?? false;
    labels.push(`<text class="lane-label${inFocus ? ' focus' : ''}" data-lane="${r.task}" x="16" y="${top + 19}"><title>${esc(t?.lineage ?? '')}</title>${esc(clip(r.task < 0 ? 'kernel (timers)' : (t?.name ?? `task#${r.task}`), 28))}</text>`);
  } else {
    const failing = f.focus?.resource?.id === r.row.id && f.focus.resource.pool === r.row.pool;
    labels.push(`<text class="lane-label res-label${failing ? ' focus' : ''}" x="16" y="${top + 16}">block ${r.row.id} <tspan class="muted">${r.row.gens.length} gen${r.row.gens.length === 1 ? '' : 's'}</tspan></text>`);
  }
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** Index range of `task`'s events in the window (one extra on the left, for a wait that started before it). */
function laneRange(f: Frame, list: Int32Array): [number, number] {
  const times = f.model.times;
  let lo = 0;
  let hi = list.length;
  const t0 = f.axis.start;
  const t1 = f.axis.end;
  let a = lo;
  let b = hi;
  while (a < b) {
    const m = (a + b) >>> 1;
    if ((times[list[m] as number] as number) < t0) a = m + 1;
    else b = m;
  }
  lo = Math.max(0, a - 1);
  a = lo;
  b = hi;
  while (a < b) {
    const m = (a + b) >>> 1;
    if ((times[list[m] as number] as number) <= t1) a = m + 1;
    else b = m;
  }
  hi = a;
  return [lo, hi];
}

function drawWaits(f: Frame, task: number, y: number, out: string[]): void {
  const list = f.model.byTask.get(task);
  if (list === undefined) return;
  const [lo, hi] = laneRange(f, list);
  const pw = f.width - LABEL_W;
  for (let i = lo; i < hi; i++) {
    const s = list[i] as number;
    const e = f.model.event(s);
    if (!e.blocked) continue;
    const next = f.model.nextOfTask[s] as number;
    const x1 = f.axis.x(s);
    const x2 = next < 0 ? pw + 20 : f.axis.x(next);
    if (x2 < 0 || x1 > pw) continue;
    const forever = next < 0;
    out.push(`<line class="wait${forever ? ' forever' : ''}${e.op === 'sleep' ? ' sleeping' : ''}${lit(f, s) ? '' : ' dim'}" x1="${x1}" x2="${x2}" y1="${y}" y2="${y}"/>`);
  }
}

function shown(f: Frame, e: DocEvent): boolean {
  return f.st.ops.has(e.op);
}

/**
 * Arrows for the hand-offs into and out of the visible lanes' events in the window (found
 * through those events, so a frame never walks the whole edge list).
 */
function drawEdges(f: Frame, visibleTasks: readonly number[], laneY: ReadonlyMap<number, number>, out: string[]): void {
  const pw = f.width - LABEL_W;
  const seen = new Set<DocEdge>();
  let n = 0;
  for (const task of visibleTasks) {
    const list = f.model.byTask.get(task);
    if (list === undefined) continue;
    const [lo, hi] = laneRange(f, list);
    for (let i = lo; i < hi; i++) {
      const s = list[i] as number;
      for (const group of [f.model.edgesTo.get(s), f.model.edgesFrom.get(s)]) {
        for (const ed of group ?? []) {
          if (seen.has(ed)) continue;
          seen.add(ed);
          const a = f.model.event(ed.from);
          const b = f.model.event(ed.to);
          const y1 = laneY.get(a.task);
          const y2 = laneY.get(b.task);
          if (y1 === undefined || y2 === undefined || !shown(f, a) || !shown(f, b)) continue;
          const x1 = f.axis.x(ed.from);
          const x2 = f.axis.x(ed.to);
          if (Math.max(x1, x2) < -50 || Math.min(x1, x2) > pw + 50) continue;
          out.push(edgePath(f, ed, x1, y1, x2, y2));
          if (++n >= MAX_EDGES) return;
        }
      }
    }
  }
}

function edgePath(f: Frame, ed: DocEdge, x1: number, y1: number, x2: number, y2: number): string {
  const on = lit(f, ed.from) && lit(f, ed.to);
  const cls = `edge k-${ed.kind}${ed.inferred ? ' inferred' : ''}${on ? '' : ' dim'}${f.st.sliceOn && f.focus !== null && on ? ' in-slice' : ''}`;
  const d =
    y1 === y2
      ? `M${x1},${y1 - 4} C${x1},${y1 - 16} ${x2},${y2 - 16} ${x2},${y2 - 5}`
      : `M${x1},${y1} C${x1 + Math.max(8, (x2 - x1) / 2)},${y1} ${x2 - Math.max(8, (x2 - x1) / 2)},${y2} ${x2},${y2 + (y2 > y1 ? -5 : 5)}`;
  return `<path class="${cls}" d="${d}" marker-end="url(#head-${ed.kind})" data-edge="${ed.from}-${ed.to}"/>`;
}

function drawLane(f: Frame, task: number, y: number, out: string[]): void {
  const list = f.model.byTask.get(task);
  if (list === undefined) return;
  const [lo, hi] = laneRange(f, list);
  const pw = f.width - LABEL_W;
  let lastX = Number.NEGATIVE_INFINITY;
  const drawn: number[] = [];
  for (let i = lo; i < hi; i++) {
    const s = list[i] as number;
    const e = f.model.event(s);
    if (!shown(f, e)) continue;
    const x = f.axis.x(s);
    if (x < -10 || x > pw + 10) continue;
    const important = e.res !== undefined || e.op === 'panic' || s === f.st.selected || (f.focus?.slice.has(s) ?? false);
    if (x - lastX < 3 && !important) continue;
    lastX = x;
    drawn.push(s);
  }
  drawn.forEach((s, k) => {
    const x = f.axis.x(s);
    const next = drawn[k + 1];
    const room = (next === undefined ? pw - x : f.axis.x(next) - x) - 12;
    out.push(marker(f, f.model.event(s), x, y, room));
  });
}

function marker(f: Frame, e: DocEvent, x: number, y: number, room: number): string {
  const s = e.seq;
  const cls = [
    'ev',
    `op-${e.op}`,
    e.blocked ? 'blocked' : '',
    e.res !== undefined ? `res fate-${f.model.resourceOf.get(s)?.fate ?? 'freed'}` : '',
    f.st.sliceOn && f.focus !== null ? (f.focus.slice.has(s) ? 'in-slice' : 'dim') : '',
    f.st.hits.length > 0 && f.st.hits[f.st.hit] === s ? 'hit' : '',
    s === f.st.selected ? 'sel' : '',
  ]
    .filter((c) => c !== '')
    .join(' ');
  // One element per marker (the hover tooltip is the page's, not a <title> each), so a
  // zoomed-out frame stays a few thousand elements.
  const a = `class="${cls}" data-seq="${s}"`;
  let shape: string;
  if (e.res !== undefined) shape = `<rect ${a} x="${x - 5}" y="${y - 5}" width="10" height="10" rx="2"/>`;
  else if (e.op === 'panic') shape = `<path ${a} d="M${x - 6},${y - 6}L${x + 6},${y + 6}M${x + 6},${y - 6}L${x - 6},${y + 6}"/>`;
  else if (e.op === 'timer') shape = `<path ${a} d="M${x},${y - 6}L${x + 5},${y + 4}L${x - 5},${y + 4}Z"/>`;
  else if (e.op === 'note') shape = `<path ${a} d="M${x},${y - 5}L${x + 5},${y}L${x},${y + 5}L${x - 5},${y}Z"/>`;
  else if (e.op === 'exit') shape = `<rect ${a} x="${x - 1.5}" y="${y - 7}" width="3" height="14"/>`;
  else if (e.op === 'spawn') shape = `<path ${a} d="M${x - 5},${y}H${x + 5}M${x},${y - 5}V${y + 5}"/>`;
  else shape = `<circle ${a} cx="${x}" cy="${y}" r="${e.op === 'yield' ? 2.5 : 4}"/>`;
  const label = room > 40 ? `<text class="ev-label${cls.includes(' dim') ? ' dim' : ''}" x="${x + 8}" y="${y + 4}">${esc(clipTo(shortLabel(f, e), room))}</text>` : '';
  return shape + label;
}

function clipTo(s: string, px: number): string {
  const n = Math.max(3, Math.floor(px / 6.2));
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function shortLabel(f: Frame, e: DocEvent): string {
  if (e.res !== undefined) return `${e.res.event} ${e.res.id}.${e.res.gen}${e.res.note !== undefined ? ` (${e.res.note})` : ''}`;
  return f.model.describe(e.seq);
}

function drawResourceRow(f: Frame, gens: readonly DocResource[], y: number, out: string[]): void {
  const pw = f.width - LABEL_W;
  const endX = f.axis.xOfTime(f.model.endUs) + 1;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const r of gens) {
    const firstT = r.transitions[0];
    const lastT = r.transitions[r.transitions.length - 1];
    if (firstT === undefined || lastT === undefined) continue;
    const open = r.fate === 'never-freed';
    if (firstT.t > f.axis.end || (!open && lastT.t < f.axis.start)) continue;
    const x1 = f.axis.x(firstT.seq);
    const x2 = open ? Math.max(endX, f.axis.x(lastT.seq) + 4) : f.axis.x(lastT.seq);
    if (x2 < -5 || x1 > pw + 5) continue;
    const focus = f.focus?.resource === r;
    // Generations that would draw inside the last two pixels of the previous one are thinned
    // (zoomed out, a row can hold thousands); a problem fate is never thinned away.
    if (x2 < lastEnd + 2 && !focus && (r.fate === 'freed' || r.fate === 'unpooled')) continue;
    lastEnd = Math.max(lastEnd, x2);
    const w = Math.max(3, x2 - x1);
    const ticks = w < 6 * r.transitions.length ? '' : r.transitions.map((s) => `<line class="tick" x1="${f.axis.x(s.seq)}" x2="${f.axis.x(s.seq)}" y1="${y - 7}" y2="${y + 7}"/>`).join('');
    const fateText = FATE_TEXT[r.fate];
    const text = w < 24 ? '' : spanLabels(f, r, x2, pw, y);
    out.push(
      `<g class="span fate-${r.fate}${focus ? ' focus' : ''}${open ? ' open' : ''}" data-res="${r.key}" data-first="${firstT.seq}"><rect x="${x1}" y="${y - 7}" width="${w}" height="14" rx="3"/>${ticks}${text}<title>${esc(`block ${r.key}: ${fateText}, ${r.transitions.map((s) => s.event).join(' → ')}`)}</title></g>`,
    );
  }
}

/**
 * Labels along a span: the key and first transition, then each transition, then the fate
 * for a block never freed; each only where it fits before the next.
 */
function spanLabels(f: Frame, r: DocResource, x2: number, pw: number, y: number): string {
  const marks = r.transitions.map((s, k) => ({ x: f.axis.x(s.seq), text: `${k === 0 ? `${r.key} ` : ''}${s.event}${s.note !== undefined && s.event === 'answer' ? ` (${s.note})` : ''}` }));
  if (r.fate === 'never-freed') marks.push({ x: Math.max(0, Math.min(x2, pw) - 96), text: '→ never freed' });
  const out: string[] = [];
  marks.forEach((m, k) => {
    const next = marks[k + 1]?.x ?? x2;
    const x = Math.max(m.x, 0) + 4;
    const room = Math.min(next, pw) - x - 4;
    if (room < 18) return;
    out.push(`<text class="span-label" x="${x}" y="${y + 4}">${esc(clipTo(m.text, room))}</text>`);
  });
  return out.join('');
}

/** What a fate reads as. */
export const FATE_TEXT: Readonly<Record<DocResource['fate'], string>> = {
  freed: 'freed',
  abandoned: 'abandoned (drain timed out)',
  'never-freed': 'never freed',
  'use-after-free': 'used after free',
  'double-free': 'freed twice',
  unpooled: 'not pooled',
};

/** Dotted lines from the focused (or selected) resource's transitions down to the tasks that made them. */
function drawTransfers(f: Frame, laneY: ReadonlyMap<number, number>, resY: ReadonlyMap<string, number>, out: string[]): void {
  const sel = f.st.selected === null ? undefined : f.model.resourceOf.get(f.st.selected);
  for (const r of new Set([f.focus?.resource ?? undefined, sel])) {
    if (r === undefined || r === null) continue;
    const ry = resY.get(`${r.pool}\u0000${r.id}`);
    if (ry === undefined) continue;
    let prevTask: number | null = null;
    for (const s of r.transitions) {
      const ly = laneY.get(s.task);
      if (ly === undefined) continue;
      const x = f.axis.x(s.seq);
      const transfer = prevTask !== null && prevTask !== s.task;
      out.push(`<line class="transfer${transfer ? ' moved' : ''}" x1="${x}" x2="${x}" y1="${ry + 7}" y2="${ly - 5}"/>`);
      prevTask = s.task;
    }
  }
}
