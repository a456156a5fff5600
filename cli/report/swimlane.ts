/**
 * A self-contained HTML swimlane view of one run: one lane per task, events in step
 * order along the x axis, channel hand-offs as arrows from the send to the receive,
 * and block lifetimes (acquire to free or abandon, or to the end of the run) as spans.
 * Hover an event for its time and description.
 */
import { formatTime, type RunResult } from '../../sim/index.ts';
import { Op, type TraceEvent } from '../../sim/trace/trace.ts';

/** Events drawn at most (the view stays usable in a browser); later ones are summarised. */
export const SWIMLANE_MAX_EVENTS = 4000;

const X0 = 180;
const DX = 9;
const LANE = 18;

interface Span {
  readonly block: string;
  readonly from: number;
  to: number;
  end: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Renders the run as an SVG swimlane inside an HTML page. */
export function swimlaneHtml(r: RunResult, describe: (e: TraceEvent) => string, verdict = ''): string {
  const all = r.trace.events();
  const events = all.slice(0, SWIMLANE_MAX_EVENTS);
  const lanes = [...new Set(events.map((e) => e.task))].sort((a, b) => a - b);
  const laneOf = new Map(lanes.map((t, i) => [t, i]));
  const spans = blockSpans(events);
  const blocksTop = lanes.length * LANE + 30;
  const width = X0 + events.length * DX + 40;
  const height = blocksTop + spans.length * 12 + 40;
  const y = (task: number) => (laneOf.get(task) ?? 0) * LANE + 20;
  const parts: string[] = [];
  lanes.forEach((t, i) => {
    const name = t < 0 ? 'kernel (timers)' : (r.taskNames[t] ?? `task#${t}`);
    parts.push(`<text x="4" y="${i * LANE + 24}" class="lane">${esc(name)}</text><line x1="${X0}" x2="${width}" y1="${i * LANE + 20}" y2="${i * LANE + 20}" class="rule"/>`);
  });
  for (const a of handoffs(events)) {
    parts.push(`<line x1="${X0 + a.from * DX}" y1="${y(events[a.from]?.task ?? 0)}" x2="${X0 + a.to * DX}" y2="${y(events[a.to]?.task ?? 0)}" class="arrow" marker-end="url(#head)"/>`);
  }
  events.forEach((e, i) => {
    const cls = e.op === Op.Panic ? 'panic' : e.op === Op.Note ? (e.resource !== undefined ? 'block' : 'note') : e.blocked ? 'blocked' : 'ev';
    parts.push(`<circle cx="${X0 + i * DX}" cy="${y(e.task)}" r="3.5" class="${cls}"><title>${esc(`${formatTime(e.time)} step ${e.step}: ${describe(e)}`)}</title></circle>`);
  });
  spans.forEach((s, i) => {
    const top = blocksTop + i * 12;
    parts.push(`<rect x="${X0 + s.from * DX}" y="${top}" width="${Math.max(2, (s.to - s.from) * DX)}" height="8" class="span ${s.end}"><title>${esc(`block ${s.block}: ${s.end}`)}</title></rect><text x="4" y="${top + 8}" class="lane">block ${esc(s.block)}</text>`);
  });
  const more = all.length > events.length ? `<p>showing the first ${events.length} of ${all.length} events; use <code>--trace text</code> for all of them.</p>` : '';
  return `<!doctype html><meta charset="utf-8"><title>dst trace ${r.traceHash}</title>
<style>body{font:12px sans-serif;margin:8px}svg{font:11px monospace}.lane{fill:#333}.rule{stroke:#eee}.ev{fill:#4a78b5}.blocked{fill:#fff;stroke:#4a78b5}
.note{fill:#999}.block{fill:#d98f00}.panic{fill:#d00}.arrow{stroke:#4a78b5;stroke-opacity:.35}.span{fill:#9c6}.span.leaked{fill:#d33}.span.abandoned{fill:#bbb}</style>
<h1>${esc(verdict || `${r.outcome.kind}: ${r.outcome.message}`)}</h1><p>run ended ${esc(r.outcome.kind)}: ${esc(r.outcome.message)}; trace hash ${r.traceHash}; ${r.steps} steps; ${formatTime(r.time)} virtual. Lanes are tasks; arrows are channel hand-offs; spans below are block lifetimes (green freed, grey abandoned, red never freed).</p>${more}
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><marker id="head" markerWidth="6" markerHeight="6" refX="5" refY="3" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#4a78b5"/></marker></defs>
${parts.join('\n')}
</svg>`;
}

/** Send → receive pairs on the same channel, first in first out. */
function handoffs(events: readonly TraceEvent[]): { from: number; to: number }[] {
  const pending = new Map<number, number[]>();
  const out: { from: number; to: number }[] = [];
  events.forEach((e, i) => {
    if (e.detail < 0) return;
    if (e.op === Op.Send) {
      const q = pending.get(e.detail) ?? [];
      q.push(i);
      pending.set(e.detail, q);
    } else if (e.op === Op.Recv && !e.blocked) {
      const from = pending.get(e.detail)?.shift();
      if (from !== undefined) out.push({ from, to: i });
    }
  });
  return out;
}

/** Resource lifetimes from the trace's typed transitions. */
function blockSpans(events: readonly TraceEvent[]): Span[] {
  const open = new Map<string, Span>();
  const out: Span[] = [];
  events.forEach((e, i) => {
    const t = e.resource;
    if (t === undefined) return;
    const key = `${t.id}.${t.gen}`;
    const what = t.event;
    if (what === 'acquire' || what === 'make-unpooled') {
      const s: Span = { block: key, from: i, to: events.length - 1, end: 'leaked' };
      open.set(key, s);
      out.push(s);
    } else if (what === 'free' || what === 'abandon') {
      const s = open.get(key);
      if (s !== undefined) {
        s.to = i;
        s.end = what === 'free' ? 'freed' : 'abandoned';
        open.delete(key);
      }
    }
  });
  return out;
}
