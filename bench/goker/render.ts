/**
 * The text rendering of a GoKer run: one line per kernel, then the summary.
 */
import { EXPLORE_BOUND, EXPLORE_BUDGET } from '../../targets/goker/catalog.ts';
import type { KernelMeasurement } from './measure.ts';
import { RUNS_BUCKETS, type GroupSummary, type Summary } from './summary.ts';

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

/** The summary table: the blocking group, then the non-blocking group, then what is not ported. */
export function summaryTable(s: Summary): string[] {
  const out = [`${pad('GoBench row', 24)} ${lpad('kernels', 7)} ${lpad('ported', 7)} ${lpad('found', 6)} ${lpad('rate', 7)} ${lpad('false+', 7)} ${lpad('fixed exhausted', 16)}`];
  const groups = ([['blocking', s], ['non-blocking', s.nonBlocking]] as ReadonlyArray<readonly [string, GroupSummary]>).filter(([, g]) => g.total.kernels > 0);
  for (const [, g] of groups) {
    for (const r of [...g.rows, g.total]) {
      out.push(`${pad(r.category, 24)} ${lpad(r.kernels, 7)} ${lpad(r.ported, 7)} ${lpad(r.detected, 6)} ${lpad(`${r.detectionRate}%`, 7)} ${lpad(r.falsePositives, 7)} ${lpad(r.fixedExhausted, 16)}`);
    }
  }
  for (const [name, g] of groups) {
    const n = g.peers[0]?.of ?? 0;
    out.push('', `peers on GoKer's ${n} ${name} kernels (GoBench artifact): ${g.peers.map((p) => `${p.tool} ${p.found}/${p.of} (${Math.round((1000 * p.found) / p.of) / 10}%)`).join(', ')}`);
    out.push(`runs to find (${name}): ${RUNS_BUCKETS.map((b) => `${b}: ${g.runsToFind[b]}`).join(', ')}`);
  }
  const reasons = new Map<string, number>();
  for (const n of s.notPorted) reasons.set(n.reason, (reasons.get(n.reason) ?? 0) + 1);
  if (reasons.size > 0) out.push('');
  for (const [reason, n] of reasons) out.push(`not ported: ${n} kernels (${reason})`);
  return out;
}

/** One line on shrinking: how many found bugs were shrunk, and their total steps and preemptions before and after. */
export function shrinkLine(ms: readonly KernelMeasurement[]): string {
  const sh = ms.flatMap((m) => (m.shrunk === null ? [] : [m.shrunk]));
  const sum = (f: (x: (typeof sh)[number]) => number) => sh.reduce((a, x) => a + f(x), 0);
  const smaller = sh.filter((x) => x.after.steps < x.before.steps || x.after.decisions < x.before.decisions || x.after.preemptions < x.before.preemptions).length;
  return `shrunk (signature kept): ${sh.length} found bugs, ${smaller} made smaller; steps ${sum((x) => x.before.steps)} → ${sum((x) => x.after.steps)}, decisions ${sum((x) => x.before.decisions)} → ${sum((x) => x.after.decisions)}, preemptions ${sum((x) => x.before.preemptions)} → ${sum((x) => x.after.preemptions)} in all`;
}
