/**
 * Runs stopped by a budget of the tool (heap, wall clock: outcome `resource-budget`) are
 * not findings: they are listed apart from failures, after the report, as one stderr
 * line; when nothing else failed the command exits 2 (the configuration does not fit).
 */
import type { CaseReport } from '../harness/case.ts';
import { oneLine } from '../harness/input-error.ts';
import type { Io } from './io.ts';

/** The JSON form of the runs a budget stopped. */
export function limitsJson(reports: readonly CaseReport[]): Array<Record<string, unknown>> {
  return reports.filter((r) => Boolean(r.limit)).map((r) => ({ scenario: r.scenario, ...(r.scenarioRef !== r.scenario && { scenarioRef: r.scenarioRef }), seed: r.seed, variant: r.variant, limit: r.limit, steps: r.steps, replay: r.replay }));
}

/** Prints one stderr line when a budget stopped any run; returns whether one did. */
export function reportLimits(reports: readonly CaseReport[], io: Io): boolean {
  const limited = reports.filter((r) => Boolean(r.limit));
  const first = limited[0];
  if (first === undefined) return false;
  const where = `${first.scenario}${first.seed !== null ? ` seed ${first.seed}` : ''}`;
  io.stderr.write(`dst: ${oneLine(`${limited.length} run${limited.length === 1 ? '' : 's'} stopped by a budget of dst (not a finding): ${where}: ${first.limit}; raise the budget or make the scenario smaller`)}\n`);
  return true;
}
