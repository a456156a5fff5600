/**
 * The side panel: the failure's story (its causal slice, step by step) and the details of
 * the selected event, including the hand-offs into and out of it.
 */
import type { DocEdge } from '../../trace-doc-types.ts';
import { esc, num } from './dom.ts';
import type { Focus, Model } from './model.ts';
import { FATE_TEXT } from './plot.ts';

const EDGE_TEXT: Readonly<Record<DocEdge['kind'], [string, string]>> = {
  send: ['value sent by', 'value received by'],
  recv: ['send completed by the receive of', 'let the parked send of'],
  close: ['woken by a close (inferred) in', 'closed a channel that woke'],
  timer: ['woken by the timer', 'woke'],
  spawn: ['spawned by', 'spawned'],
  unlock: ['lock let through by', 'unlock let through'],
  cancel: ['cancelled by', 'cancelled'],
  'happens-before': ['happens after', 'happens before'],
};

/** The story of a failure: its resource's fate and the slice, in trace order. */
export function storyHtml(model: Model, focus: Focus | null): string {
  if (focus === null) return `<p class="muted">No property failed: nothing to centre on. The whole run is below.</p>`;
  const v = model.doc.violations[focus.violation];
  const r = focus.resource;
  const acquire = r?.transitions.find((s) => s.event === 'acquire');
  const head =
    r === null
      ? `<p class="lead">${esc(v?.property ?? '')}: the steps that led to it.</p>`
      : `<p class="lead"><span class="chip fate-${r.fate}">${esc(FATE_TEXT[r.fate])}</span> block <b>${esc(r.key)}</b>${acquire ? `, acquired by <b>${esc(model.names.taskName(acquire.task))}</b> at ${(acquire.t / 1e6).toFixed(3)}s` : ''}; it went ${r.transitions.map((s) => esc(s.event)).join(' → ')}.</p>`;
  const items = [...focus.slice].map((s) => {
    const e = model.event(s);
    const own = r !== null && model.resourceOf.get(s) === r;
    const anchor = v !== undefined && v.anchor === s;
    return `<li data-seq="${s}" class="${own ? 'own' : ''}${anchor ? ' anchor' : ''}"><span class="t">${(e.t / 1e6).toFixed(3)}s</span><span class="task">${esc(model.names.taskName(e.task))}</span><span class="what">${esc(model.describe(s))}</span></li>`;
  });
  return `${head}<p class="muted">Causal slice: ${focus.slice.size} steps this failure depends on (hand-offs back from it, and every step of its block), highlighted in the timeline; the rest is dimmed. Click one to see it.</p><ol id="story-list">${items.join('')}</ol>`;
}

/** The details of one event. */
export function detailsHtml(model: Model, seq: number | null): string {
  if (seq === null) return `<p class="muted">Click an event (or a step of the story) to see it here.</p>`;
  const e = model.event(seq);
  const t = model.tasks.get(e.task);
  const rows: [string, string][] = [
    ['task', `${esc(t?.name ?? '?')} <span class="muted">(${esc(t?.group ?? '')})</span>${t !== undefined && t.lineage !== t.name ? `<br><span class="muted">${esc(t.lineage)}</span>` : ''}`],
    ['step', `${num(e.step)} <span class="muted">(event ${num(seq)})</span>`],
    ['virtual time', `${(e.t / 1e6).toFixed(6)} s`],
    ['operation', `${esc(e.op)}${e.blocked ? ' <span class="muted">(parks the task)</span>' : ''}`],
  ];
  if (e.op === 'select') rows.push(['case', e.case === undefined ? (e.blocked ? 'none ran (still waiting at the end)' : 'default') : `case ${e.case}: ${esc(e.dir ?? '')} on ${esc(model.names.chanName(e.chan ?? -1))}${e.blocked ? ' (when it woke)' : ''}`]);
  else if (e.chan !== undefined) rows.push(['channel', `${esc(model.names.chanName(e.chan))} <span class="muted">#${e.chan}</span>`]);
  if (e.res !== undefined) {
    const r = model.resourceOf.get(seq);
    rows.push(['resource', `block ${esc(`${e.res.id}.${e.res.gen}`)} <span class="muted">(${esc(e.res.pool)})</span>: ${esc(e.res.event)} → ${esc(e.res.state)}${e.res.note !== undefined ? ` (${esc(e.res.note)})` : ''}${r ? `<br>fate: <span class="chip fate-${r.fate}">${esc(FATE_TEXT[r.fate])}</span>` : ''}`]);
  }
  const d = model.decision(seq);
  rows.push(['decision', 'exact' in d ? `#${num(d.exact)} <span class="muted">(the next decision at this step)</span>` : d.after === null && d.before === null ? `<span class="muted">not recorded per step (${num(model.doc.header.decisions)} in the run)</span>` : `<span class="muted">between #${d.after ?? 0} and #${d.before ?? model.doc.header.decisions}</span>`]);
  if (e.text !== undefined && e.res === undefined) rows.push(['note', esc(e.text)]);
  if (e.op !== 'note') rows.push(['what', esc(model.describe(seq))]);
  const links = (list: readonly DocEdge[] | undefined, dir: 0 | 1) =>
    (list ?? []).map((ed) => {
      const other = dir === 0 ? ed.from : ed.to;
      return `<li><a href="#" data-seq="${other}">${EDGE_TEXT[ed.kind][dir]} ${esc(model.names.taskName(model.event(other).task))}: ${esc(model.describe(other))}</a></li>`;
    });
  const ins = links(model.edgesTo.get(seq), 0);
  const outs = links(model.edgesFrom.get(seq), 1);
  if (ins.length > 0) rows.push(['after', `<ul>${ins.join('')}</ul>`]);
  if (outs.length > 0) rows.push(['then', `<ul>${outs.join('')}</ul>`]);
  return `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}
