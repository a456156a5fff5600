/**
 * Worker thread entry (piscina): runs one slice of a sweep and returns its reports.
 */
import type { CaseReport } from '../../harness/case.ts';
import { compactReport, runSweep, type SweepJob } from '../../harness/sweep.ts';
import { loadTarget } from '../../harness/targets.ts';

/** Runs `job` (loading its target in this thread) and returns compact reports. */
export default async function run(job: SweepJob): Promise<CaseReport[]> {
  const target = await loadTarget(job.target);
  const out: CaseReport[] = [];
  runSweep(target, job, (r) => out.push(compactReport(r)));
  return out;
}
