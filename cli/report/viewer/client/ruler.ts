/**
 * The time ruler above the lanes (round virtual times, and brackets under instants whose
 * steps are spread) and the overview strip below them (event density over the whole
 * run, the violations, the window shown).
 */
import { ticks, type Axis } from './axis.ts';
import { esc, lowerBound, secs, upperBound } from './dom.ts';
import type { Model } from './model.ts';
import { LABEL_W } from './plot.ts';

/** Ruler markup for the view. */
export function drawRuler(model: Model, axis: Axis, width: number, shown: (seq: number) => boolean): string {
  const pw = width - LABEL_W;
  const { step, values } = ticks(axis.start, axis.end, pw);
  const out: string[] = [`<text class="ruler-title" x="6" y="14">virtual time</text>`, `<text class="ruler-note" x="6" y="27">${axis.gap >= 2 ? `steps at one instant spread ${axis.gap.toFixed(0)} px` : 'linear'}</text>`];
  for (const v of values) {
    const x = axis.xOfTime(v) + LABEL_W;
    out.push(`<line class="tick" x1="${x}" x2="${x}" y1="18" y2="32"/><text class="tick-label" x="${x + 3}" y="14">${secs(v, step)}</text>`);
  }
  // Brackets under instants whose steps are spread, labelled with the instant when there is room.
  const lo = lowerBound(model.times, axis.start);
  const hi = upperBound(model.times, axis.end);
  if (axis.gap >= 3 && hi - lo < 20_000) {
    let i = lo;
    let brackets = 0;
    while (i < hi && brackets < 300) {
      const t = model.times[i] as number;
      let j = i;
      let first = -1;
      let last = -1;
      let count = 0;
      while (j < hi && model.times[j] === t) {
        if (shown(j)) {
          if (first < 0) first = j;
          last = j;
          count++;
        }
        j++;
      }
      if (count >= 2) {
        const x1 = axis.x(first) + LABEL_W;
        const x2 = axis.x(last) + LABEL_W;
        if (x2 - x1 >= 12) {
          brackets++;
          out.push(`<path class="instant" d="M${x1},30 V34 H${x2} V30"/>`);
          if (x2 - x1 > 70) out.push(`<text class="instant-label" x="${x1 + 2}" y="44">${esc(`${(t / 1e6).toFixed(6)}s ×${count}`)}</text>`);
        }
      }
      i = j;
    }
  }
  return out.join('');
}

/** Overview markup: density bars, violation ticks, the window and the failure's span. */
export function drawOverview(model: Model, width: number, win: { t0: number; t1: number }, failure: { t0: number; t1: number } | null): string {
  const pw = width - LABEL_W;
  const end = Math.max(1, model.endUs);
  const bins = Math.max(10, Math.floor(pw / 3));
  const counts = new Uint32Array(bins);
  for (let i = 0; i < model.times.length; i++) {
    const b = Math.min(bins - 1, Math.floor(((model.times[i] as number) / end) * bins));
    counts[b] = (counts[b] as number) + 1;
  }
  let max = 1;
  for (const c of counts) max = Math.max(max, c);
  const out: string[] = [`<text class="ruler-title" x="6" y="16">whole run</text><text class="ruler-note" x="6" y="30">${secs(0)} – ${secs(end)}</text>`];
  const bw = pw / bins;
  counts.forEach((c, i) => {
    if (c === 0) return;
    const h = Math.max(1, (Math.log1p(c) / Math.log1p(max)) * 30);
    out.push(`<rect class="density" x="${LABEL_W + i * bw}" y="${36 - h}" width="${Math.max(1, bw - 0.5)}" height="${h}"/>`);
  });
  const xt = (t: number) => LABEL_W + (Math.min(Math.max(t, 0), end) / end) * pw;
  for (const v of model.doc.violations.slice(0, 500)) {
    const a = model.doc.events[v.anchor];
    if (a !== undefined) out.push(`<line class="viol-tick" x1="${xt(a.t)}" x2="${xt(a.t)}" y1="37" y2="44"/>`);
  }
  if (failure !== null) out.push(`<rect class="fail-span" x="${xt(failure.t0)}" y="38" width="${Math.max(2, xt(failure.t1) - xt(failure.t0))}" height="5"/>`);
  out.push(`<rect id="ov-window" class="window" x="${xt(win.t0)}" y="2" width="${Math.max(3, xt(win.t1) - xt(win.t0))}" height="42"/>`);
  return out.join('');
}

/** The time at x in the overview. */
export function overviewTime(model: Model, width: number, x: number): number {
  return ((x - LABEL_W) / (width - LABEL_W)) * Math.max(1, model.endUs);
}
