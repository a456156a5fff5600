/**
 * The incident study as one self-contained SVG (no script, no external font or style):
 * small multiples over virtual time, one panel per series, one line per variant (variants
 * with equal flags share a line), the storm window shaded and the PR's figure drawn where
 * it applies.
 */
import type { TimelineRow } from './timeline.ts';
import type { StudyTable } from './study.ts';

interface Panel {
  readonly title: string;
  readonly value: (r: TimelineRow) => number;
  /** A reference line (the PR's figure) with its label. */
  readonly ref?: { readonly y: number; readonly label: string };
}

const PANELS: readonly Panel[] = [
  { title: 'pool misses per minute (fresh blocks)', value: (r) => r.poolMissesPerMin },
  { title: 'blocks never freed, per minute (the PR\u2019s \u201cleaked\u201d)', value: (r) => r.unfreedBlocksPerMin },
  { title: 'retained blocks (reachable: in use or in sync.Pool)', value: (r) => r.retainedBlocks },
  { title: 'retained block buffers, KiB', value: (r) => r.retainedBytes / 1024 },
  { title: 'dispatchers parked before the channel (first select)', value: (r) => r.parkedDispatchers },
  { title: 'callers waiting for their answer (second select)', value: (r) => r.waitingForAnswer },
  { title: 'live drain tasks (#6747)', value: (r) => r.liveDrains },
  { title: 'checkins in their set-up phase (in dispatch)', value: (r) => r.checkinsInSetup, ref: { y: 479, label: 'PR: ~479 blocked in dispatch' } },
];

const COLORS = ['#d62728', '#ff7f0e', '#9467bd', '#1f77b4', '#2ca02c', '#17becf', '#8c564b', '#e377c2'];
const W = 1200;
const PW = 520;
const PH = 190;
const LEFT = 58;
const TOP = 96;
const GAP_X = 40;
const GAP_Y = 52;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (x: number): string => (Math.round(x * 10) / 10).toString();

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** The chart of a study table. */
export function incidentSvg(t: StudyTable): string {
  const rows = Math.ceil(PANELS.length / 2);
  const height = TOP + rows * (PH + GAP_Y) + 40;
  const tMax = Math.max(...t.variants.flatMap((v) => v.series.map((r) => r.t + t.binS)));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`);
  out.push(`<rect width="${W}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${LEFT}" y="22" font-size="15" font-weight="bold">${esc(`dst incident study: scenario ${t.scenario}, seed ${t.seed}, bins of ${t.binS} s`)}</text>`);
  out.push(`<text x="${LEFT}" y="40" fill="#555">${esc(`shaded: the storm window ${t.window.fromS}-${t.window.toS} s (virtual); one line per distinct flag set`)}</text>`);
  t.variants.forEach((v, i) => {
    const x = LEFT + (i % 3) * 340;
    const y = 58 + Math.floor(i / 3) * 16;
    const label = [v.name, ...v.sameAs].join(' = ');
    out.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 22}" y2="${y - 4}" stroke="${COLORS[i % COLORS.length]}" stroke-width="2.5"/>`);
    out.push(`<text x="${x + 28}" y="${y}">${esc(label)}</text>`);
  });
  PANELS.forEach((p, k) => {
    const px = LEFT + (k % 2) * (PW + GAP_X + LEFT / 2);
    const py = TOP + Math.floor(k / 2) * (PH + GAP_Y);
    const all = t.variants.flatMap((v) => v.series.map(p.value));
    const yMax = niceMax(Math.max(...all, p.ref?.y ?? 0) * 1.05);
    const sx = (s: number) => px + (s / tMax) * PW;
    const sy = (v: number) => py + PH - (v / yMax) * PH;
    out.push(`<text x="${px}" y="${py - 8}" font-weight="bold">${esc(p.title)}</text>`);
    out.push(`<rect x="${num(sx(t.window.fromS))}" y="${py}" width="${num(sx(t.window.toS) - sx(t.window.fromS))}" height="${PH}" fill="#f2f2f2"/>`);
    out.push(`<rect x="${px}" y="${py}" width="${PW}" height="${PH}" fill="none" stroke="#999"/>`);
    for (let g = 0; g <= 4; g++) {
      const v = (yMax * g) / 4;
      out.push(`<line x1="${px}" y1="${num(sy(v))}" x2="${px + PW}" y2="${num(sy(v))}" stroke="#e0e0e0"/>`);
      out.push(`<text x="${px - 6}" y="${num(sy(v) + 4)}" text-anchor="end" fill="#555">${esc(num(v))}</text>`);
    }
    for (let s = 0; s <= tMax; s += 120) out.push(`<text x="${num(sx(s))}" y="${py + PH + 14}" text-anchor="middle" fill="#555">${s} s</text>`);
    if (p.ref !== undefined) {
      out.push(`<line x1="${px}" y1="${num(sy(p.ref.y))}" x2="${px + PW}" y2="${num(sy(p.ref.y))}" stroke="#000" stroke-dasharray="5,4"/>`);
      out.push(`<text x="${px + PW - 4}" y="${num(sy(p.ref.y) - 4)}" text-anchor="end">${esc(p.ref.label)}</text>`);
    }
    t.variants.forEach((v, i) => {
      const pts = v.series.map((r) => `${num(sx(r.t + t.binS / 2))},${num(sy(p.value(r)))}`).join(' ');
      out.push(`<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.6" stroke-opacity="0.85" points="${pts}"/>`);
    });
  });
  out.push(`<text x="${LEFT}" y="${height - 14}" fill="#555">${esc('Series read from each finished run after the fact (no timer, decision or trace event added). Variants with equal flags run identically and share a line.')}</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
