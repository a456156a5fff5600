/**
 * The self-contained HTML viewer of one run: one file, no network. The header (what ran,
 * what failed, the replay command) is plain HTML; the timeline is drawn by the bundled
 * script from the packed trace document embedded in the page.
 */
import { readFileSync } from 'node:fs';
import type { TraceDoc } from '../trace-doc-types.ts';
import { ALL_OPS } from './client/state.ts';
import { viewerScript } from './bundle.ts';
import { packDoc } from './pack.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

let css: string | null = null;
function styles(): string {
  css ??= readFileSync(new URL('./style.css', import.meta.url), 'utf8');
  return css;
}

/** Most violations offered in the picker (the document holds them all). */
const MAX_PICKER = 500;

/** The viewer page for a trace document. */
export function viewerHtml(doc: TraceDoc): string {
  const h = doc.header;
  const failed = !h.passed;
  const who = h.seed === null ? `${h.decisions} recorded decisions` : `seed ${h.seed}`;
  const verdict = failed ? `✗ ${esc(h.property ?? 'failed')}` : '✓ passed';
  const counts = Object.entries(h.violationCounts).map(([p, n]) => `${esc(p)} ×${n}`).join(', ');
  const picker =
    doc.violations.length > 1
      ? `<label class="picker">violation <select id="viol">${doc.violations
          .slice(0, MAX_PICKER)
          .map((v, i) => `<option value="${i}">${i + 1}. ${esc(v.resource ? `block ${v.resource.key}` : v.property)} · ${esc(v.property)}</option>`)
          .join('')}</select> of ${doc.violations.length}${doc.violations.length > MAX_PICKER ? ` (first ${MAX_PICKER} listed)` : ''}</label>`
      : '';
  const title = `${failed ? '✗' : '✓'} ${h.property ?? 'passed'} · ${h.scenario} ${h.variant} ${who} · dst`;
  const data = JSON.stringify(packDoc(doc)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${styles()}</style></head>
<body>
<header id="dst-header" class="${failed ? 'failed' : 'passed'}">
  <div class="line1"><span class="verdict">${verdict}</span><span class="case">${esc(h.scenario)} · variant <b>${esc(h.variant)}</b> · ${esc(who)} · strategy ${esc(h.strategy)}${h.swarm ? ' · swarm' : ''} · target ${esc(h.target)}</span>
  <span class="stats">${h.steps.toLocaleString('en-US')} steps · ${(h.virtualTimeUs / 1e6).toFixed(3)} virtual s · ${h.decisions.toLocaleString('en-US')} decisions · outcome ${esc(h.outcome.kind)} · trace hash <code id="trace-hash">${esc(h.traceHash)}</code></span></div>
  <p id="explanation">${esc(h.explanation ?? 'No property failed.')}</p>
  <div class="line3"><span class="muted">replay:</span> <code id="replay-cmd">${esc(h.replay)}</code> <button id="copy-replay" type="button">copy</button>${counts ? `<span class="counts muted">${counts}</span>` : ''}${picker}</div>
</header>
<nav id="toolbar">
  <button id="btn-slice" type="button" title="dim everything outside the failure's causal slice">causal slice</button>
  <label>tasks <input id="f-task" type="search" placeholder="agent-1*, flush" size="14"></label>
  <label>block <input id="f-res" type="search" placeholder="7 or 7.3" size="7"></label>
  <span class="ops">${ALL_OPS.map((op) => `<label class="op"><input type="checkbox" data-op="${op}" checked>${op}</label>`).join('')}</span>
  <form id="f-time">time <input id="f-from" size="6" placeholder="from s"> – <input id="f-to" size="6" placeholder="to s"> <button type="submit">show</button></form>
</nav>
<div id="legend">
  <span class="lg"><i class="sw fate-freed"></i>freed</span><span class="lg"><i class="sw fate-abandoned"></i>abandoned</span><span class="lg"><i class="sw fate-never-freed"></i>never freed</span><span class="lg"><i class="sw fate-use-after-free"></i>used after free</span><span class="lg"><i class="sw fate-double-free"></i>freed twice</span>
  <span class="sep"></span>
  <span class="lg"><i class="ln k-send"></i>send → receive</span><span class="lg"><i class="ln k-recv"></i>receive → parked send</span><span class="lg"><i class="ln k-timer"></i>timer</span><span class="lg"><i class="ln k-spawn"></i>spawn</span><span class="lg"><i class="ln k-close inferred"></i>close / cancel (inferred)</span>
  <span class="sep"></span>
  <span class="lg"><i class="mk sq"></i>block transition</span><span class="lg"><i class="mk ho"></i>parks</span><span class="lg"><i class="wt"></i>waiting</span><span class="lg muted">drag: pan · ctrl+wheel: zoom</span>
</div>
<main>
  <section id="timeline">
    <div id="view-bar"><span id="focus-banner"></span>
      <form id="f-search"><input id="q" type="search" placeholder="search events" size="18"><button id="q-prev" type="button" title="previous match">◀</button><button id="q-next" type="button" title="next match">▶</button><span id="q-count"></span></form>
      <span class="zoom">zoom <button id="z-out" type="button" title="zoom out (s)">−</button><button id="z-in" type="button" title="zoom in (w)">+</button><button id="z-fail" type="button" title="back to the failure (f)">failure</button><button id="z-all" type="button">whole run</button></span>
    </div>
    <svg id="ruler" height="48"></svg>
    <div id="lanes"><div id="spacer"></div><svg id="plot"><defs>${['send', 'recv', 'close', 'timer', 'spawn', 'unlock', 'cancel', 'happens-before'].map((k) => `<marker id="head-${k}" class="head k-${k}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L8,4L0,8z"/></marker>`).join('')}</defs><g id="plot-layer"></g></svg></div>
    <svg id="overview" height="48"></svg>
  </section>
  <aside id="side">
    <h2>What happened</h2><div id="story"></div>
    <h2 class="details-title">Selected event</h2><div id="details"></div>
  </aside>
</main>
<div id="tip" role="tooltip"></div>
<script type="application/json" id="dst-trace">${data}</script>
<script>${viewerScript()}</script>
</body></html>
`;
}
