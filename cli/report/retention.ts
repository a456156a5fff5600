/**
 * Retained memory per scenario: over a scenario's runs, the highest peak and the highest
 * final count of retained objects and bytes, and the highest number of parked tasks.
 */
import type { CaseReport } from '../../harness/case.ts';
import type { Style } from './style.ts';
import { formatBytes } from './units.ts';

/** A scenario's retention over its runs (the worst run for each figure). */
export interface ScenarioRetention {
  readonly scenario: string;
  readonly variant: string;
  readonly noun: string;
  readonly peakRetained: number;
  readonly peakRetainedBytes: number;
  readonly finalRetained: number;
  readonly finalRetainedBytes: number;
  readonly peakParkedTasks: number;
}

/** Retention per (scenario, variant), in report order. */
export function retentionByScenario(reports: readonly CaseReport[]): ScenarioRetention[] {
  const out = new Map<string, { -readonly [K in keyof ScenarioRetention]: ScenarioRetention[K] }>();
  for (const r of reports) {
    const key = `${r.scenario}\u0000${r.variant}`;
    const x = r.retained;
    const a = out.get(key);
    if (a === undefined) {
      out.set(key, { scenario: r.scenario, variant: r.variant, noun: x.noun, peakRetained: x.peakRetained, peakRetainedBytes: x.peakRetainedBytes, finalRetained: x.finalRetained, finalRetainedBytes: x.finalRetainedBytes, peakParkedTasks: x.peakParkedTasks });
      continue;
    }
    a.peakRetained = Math.max(a.peakRetained, x.peakRetained);
    a.peakRetainedBytes = Math.max(a.peakRetainedBytes, x.peakRetainedBytes);
    a.finalRetained = Math.max(a.finalRetained, x.finalRetained);
    a.finalRetainedBytes = Math.max(a.finalRetainedBytes, x.finalRetainedBytes);
    a.peakParkedTasks = Math.max(a.peakParkedTasks, x.peakParkedTasks);
  }
  return [...out.values()];
}

/** The retention table (one row per scenario and variant). */
export function renderRetention(rows: readonly ScenarioRetention[], st: Style): string[] {
  if (rows.length === 0) return [];
  const variants = new Set(rows.map((r) => r.variant)).size > 1;
  const name = (r: ScenarioRetention) => (variants ? `${r.scenario} on ${r.variant}` : r.scenario);
  const w0 = Math.max(8, ...rows.map((r) => name(r).length)) + 2;
  const noun = rows[0]?.noun ?? 'object';
  const cols = [`peak ${noun}s`, 'peak bytes', `final ${noun}s`, 'final bytes', 'peak parked tasks'];
  const widths = cols.map((c) => Math.max(14, c.length + 2));
  const row = (first: string, cells: readonly string[]) => first.padEnd(w0) + cells.map((c, i) => c.padEnd(widths[i] as number)).join('');
  const lines = [st.bold(`retained memory (worst run per scenario; ${noun}s a parked task or a queue still references)`), st.bold(row('scenario', cols))];
  for (const r of rows) lines.push(row(name(r), [String(r.peakRetained), formatBytes(r.peakRetainedBytes), String(r.finalRetained), formatBytes(r.finalRetainedBytes), String(r.peakParkedTasks)]));
  return lines;
}
