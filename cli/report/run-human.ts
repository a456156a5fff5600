/**
 * The human report of a sweep (`dst run`, `dst merge`): one block per distinct bug, most
 * severe first; the bug × variant matrix when several variants ran; the scenario ×
 * property table per variant; retained memory; what `--save`, a budget, `--bail` and the
 * determinism check did.
 */
import { coverageLines } from '../../harness/coverage.ts';
import { renderBugs } from './bugs.ts';
import { renderMatrix } from './matrix.ts';
import { renderRetention, retentionByScenario } from './retention.ts';
import { failedRuns, type SweepOutcome } from './run-outcome.ts';
import type { Style } from './style.ts';
import { renderSummary } from './summary.ts';
import { formatCount, plural } from './units.ts';

/** The report's lines. */
export function renderOutcome(o: SweepOutcome, st: Style): string[] {
  const lines: string[] = [...renderBugs(o.bugs, failedRuns(o), st)];
  const { variants, reports } = o;
  const names = o.properties.map((p) => p.name);
  if (variants.length > 1) {
    const runsPer = Object.fromEntries(variants.map((v) => [v, reports.filter((r) => r.variant === v).length]));
    lines.push(...renderMatrix(o.bugs, variants, runsPer, st), '');
  }
  for (const v of variants) {
    if (variants.length > 1) lines.push(st.bold(`${v}:`));
    lines.push(renderSummary(variants.length > 1 ? reports.filter((r) => r.variant === v) : reports, st, names, 0), '');
  }
  lines.push(...renderRetention(retentionByScenario(reports), st));
  for (const c of o.coverage ?? []) lines.push(...coverageLines(c.variant, c));
  for (const f of o.saved) lines.push(st.dim(`saved ${f}`));
  for (const s of o.skipped ?? []) lines.push(st.dim(`not saved (${s.file} already has it): ${s.signature}`));
  if (o.budget !== null) {
    const seeds = o.budget.seeds === 0 ? 'no whole seed' : `${plural(o.budget.seeds, 'seed')}`;
    const rerun = o.budget.rerun !== null ? `; rerun exactly these with ${o.budget.rerun} instead of --budget` : o.budget.seeds > 0 ? "; each shard's report gives the --seeds that rerun its own" : '';
    lines.push(st.dim(`budget ${o.budget.ms / 1000} s${o.budget.stopped ? ' spent' : ' not spent: every seed asked for ran'}: ${plural(reports.length, 'run')} (${seeds} of every configuration)${rerun}`));
  }
  if (o.random !== null && o.budget === null) lines.push(st.dim(`seeds ${o.seeds.from}..${o.seeds.to} (start picked at random); rerun exactly these with --seeds ${o.seeds.from}..${o.seeds.to} instead of --seeds random:${o.random.count}`));
  if (o.bail?.stopped) lines.push(st.dim(`stopped at the first failure (--bail) after ${plural(reports.length, 'run')}`));
  if (o.reruns !== null) {
    const differ = reports.filter((r) => (r.violationCounts.determinism ?? 0) > 0).length;
    lines.push(st.dim(`determinism: ${plural(o.reruns.count, 're-run')} in a separate process (${o.reruns.host}); ${formatCount(differ)} gave another trace`));
  }
  return lines;
}
