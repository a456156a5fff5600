/**
 * The human summary of a sweep: a scenario × property table (failing runs and the
 * first failing seed), then each failure's explanation and replay command.
 */
import type { CaseReport } from '../../harness/case.ts';
import type { Style } from './style.ts';

/**
 * Renders the table and the failure list. `properties` are the target's, in report
 * order; a cell counts the runs whose `violationCounts` has the property (never the
 * trimmed violation list a report keeps).
 */
export function renderSummary(reports: readonly CaseReport[], st: Style, properties: readonly string[], maxFailures = 10): string {
  const scenarios = [...new Set(reports.map((r) => r.scenario))];
  const props = properties.filter((p) => p !== 'determinism' || reports.some((r) => (r.violationCounts[p] ?? 0) > 0));
  const lines: string[] = [];
  const col = (s: string, w: number) => s.padEnd(w);
  const w0 = Math.max(8, ...scenarios.map((s) => s.length)) + 2;
  const cellW = (p: string) => Math.max(p.length, 14) + 2;
  lines.push(st.bold(col('scenario', w0) + col('runs', 7) + props.map((p) => col(p, cellW(p))).join('')));
  for (const s of scenarios) {
    const rs = reports.filter((r) => r.scenario === s);
    let row = col(s, w0) + col(String(rs.length), 7);
    for (const p of props) {
      const failing = rs.filter((r) => (r.violationCounts[p] ?? 0) > 0);
      const first = failing[0];
      const text = failing.length === 0 ? 'ok' : `${failing.length} (seed ${first?.seed ?? '-'})`;
      row += failing.length === 0 ? st.green(col(text, cellW(p))) : st.red(col(text, cellW(p)));
    }
    lines.push(row);
  }
  const failures = reports.filter((r) => !r.passed && !r.limit);
  const limited = reports.filter((r) => Boolean(r.limit)).length;
  const passed = reports.length - failures.length - limited;
  const stopped = limited > 0 ? `, ${limited} stopped by a budget of dst` : '';
  lines.push('');
  lines.push(failures.length === 0 && limited === 0 ? st.green(`${passed} passed, 0 failed`) : st.red(`${passed} passed, ${failures.length} failed${stopped}`));
  if (failures.length > 0) {
    lines.push('');
    for (const f of failures.slice(0, maxFailures)) lines.push(...renderFailure(f, st));
    if (failures.length > maxFailures && maxFailures > 0) lines.push(st.dim(`... and ${failures.length - maxFailures} more failing runs (--json lists them all)`));
  }
  return lines.join('\n');
}

/** One failure: what broke, the explanation, and the command that replays it. */
export function renderFailure(f: CaseReport, st: Style): string[] {
  const counts = Object.entries(f.violationCounts).map(([p, n]) => `${p} ×${n}`).join(', ');
  const more = st.dim(` [${counts}]`);
  return [
    `${st.red('✗')} ${f.scenario} ${f.seed === null ? 'decision list' : `seed ${f.seed}`} on ${f.variant}: ${st.bold(f.property ?? '?')}${more}`,
    `    ${f.message ?? ''}`,
    `    ${st.dim('replay:')} ${f.replay}`,
    '',
  ];
}
