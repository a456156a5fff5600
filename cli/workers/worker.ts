/**
 * Worker thread entry (piscina): runs a slice of a sweep's cases and returns their reports.
 */
import { loadTarget } from '../../harness/targets.ts';
import type { Unit } from '../sweep/plan.ts';
import { UnitRunner, type CaseSettings, type UnitResult } from '../sweep/run-unit.ts';

/** A slice of a sweep: how cases run, and which. */
export interface SliceTask {
  readonly settings: CaseSettings;
  readonly units: readonly Unit[];
}

let runner: { key: string; runner: UnitRunner } | null = null;

/** Runs `task`'s cases in order (loading the target in this thread once) and returns their results. */
export default async function run(task: SliceTask): Promise<UnitResult[]> {
  const key = JSON.stringify(task.settings);
  if (runner?.key !== key) runner = { key, runner: new UnitRunner(await loadTarget(task.settings.target), task.settings) };
  const r = runner.runner;
  return task.units.map((u) => r.run(u));
}
