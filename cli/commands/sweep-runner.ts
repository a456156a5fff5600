/**
 * Runs one sweep job in this thread or on worker threads; either way each report comes
 * back compacted (the first violation of each signature), in job order.
 */
import type { CaseReport } from '../../harness/case.ts';
import { compactReport, runSweep, type SweepJob } from '../../harness/sweep.ts';
import type { LoadedTarget } from '../../harness/targets.ts';
import { runOnWorkers } from '../workers/pool.ts';

/** The job's reports, calling `onCase` as each arrives. */
export async function sweepReports(target: LoadedTarget, job: SweepJob, workers: number, onCase: (r: CaseReport) => void): Promise<CaseReport[]> {
  if (workers > 1) return runOnWorkers(job, workers, onCase);
  const reports: CaseReport[] = [];
  runSweep(target, job, (r) => {
    const c = compactReport(r);
    reports.push(c);
    onCase(c);
  });
  return reports;
}
