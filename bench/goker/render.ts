/**
 * The text rendering of a GoKer run: one line per kernel, then the summary.
 */
import { EXPLORE_BOUND, EXPLORE_BUDGET } from '../../targets/goker/catalog.ts';
import type { KernelMeasurement } from './measure.ts';
import { RUNS_BUCKETS, type Summary } from './summary.ts';

const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const lpad = (s: string | number, n: number): string => String(s).padStart(n);

function found(r: { firstFailingSeed: number | null; runs: number }): string {
  return r.firstFailingSeed === null ? `- (${r.runs})` : `seed ${r.firstFailingSeed} (${r.runs})`;
}

function explored(m: KernelMeasurement): string {
  if (m.exploreSkipped !== null) return 'n/a';
  const b = m.exploreBuggy;
  const f = m.exploreFixed;
  const buggy = b?.failure ? `found@${b.schedules}` : `none/${b?.schedules}`;
  const fixed = f?.failure ? 'FAILS' : f?.exhausted ? `exhausted ${f.schedules}` : `clean ${f?.schedules}`;
  return `${buggy}; fixed ${fixed}`;
}

/** The per-kernel table. */
export function kernelTable(ms: readonly KernelMeasurement[]): string[] {
  const out = [
    `${pad('kernel', 18)} ${pad('category', 44)} ${pad('found', 5)} ${pad('property', 15)} ${pad('random', 15)} ${pad('pct', 15)} ${pad(`explore (bound ${EXPLORE_BOUND}, ${EXPLORE_BUDGET})`, 34)} ${pad('fixed', 6)} ${lpad('ms', 6)}`,
  ];
  for (const m of ms) {
    out.push(
      `${pad(m.id, 18)} ${pad(`${m.category.split(' ')[0]}/${m.subcategory}`, 44)} ${pad(m.detected ? (m.upstreamBugReached === false ? 'yes*' : 'yes') : 'NO', 5)} ${pad(m.property ?? '-', 15)} ${pad(found(m.random), 15)} ${pad(found(m.pct), 15)} ${pad(explored(m), 34)} ${pad(m.fixedClean ? 'clean' : 'FAILS', 6)} ${lpad(m.wallMs, 6)}`,
    );
  }
  if (ms.some((m) => m.upstreamBugReached === false)) out.push('* found only the second blocking bug of the GoKer extraction, not the upstream one');
  return out;
}

/** The summary table. */
export function summaryTable(s: Summary): string[] {
  const out = [`${pad('GoBench row', 24)} ${lpad('kernels', 7)} ${lpad('ported', 7)} ${lpad('found', 6)} ${lpad('rate', 7)} ${lpad('false+', 7)} ${lpad('fixed exhausted', 16)}`];
  for (const r of [...s.rows, s.total]) {
    out.push(`${pad(r.category, 24)} ${lpad(r.kernels, 7)} ${lpad(r.ported, 7)} ${lpad(r.detected, 6)} ${lpad(`${r.detectionRate}%`, 7)} ${lpad(r.falsePositives, 7)} ${lpad(r.fixedExhausted, 16)}`);
  }
  out.push('', `peers on GoKer's 68 blocking kernels (GoBench artifact): ${s.peers.map((p) => `${p.tool} ${p.found}/${p.of} (${Math.round((1000 * p.found) / p.of) / 10}%)`).join(', ')}`);
  out.push(`runs to find: ${RUNS_BUCKETS.map((b) => `${b}: ${s.runsToFind[b]}`).join(', ')}`);
  const groups = new Map<string, number>();
  for (const n of s.notPorted) groups.set(n.reason, (groups.get(n.reason) ?? 0) + 1);
  for (const [reason, n] of groups) out.push(`not ported: ${n} kernels (${reason})`);
  return out;
}
