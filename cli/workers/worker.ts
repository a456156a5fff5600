/**
 * Worker thread entry (piscina): runs one slice of a sweep and returns its reports.
 */
import type { CaseReport } from '../../harness/case.ts';
import { compactReport, runSweep, type SweepJob } from '../../harness/sweep.ts';

/** Runs `job` and returns compact reports. */
export default function run(job: SweepJob): CaseReport[] {
  const out: CaseReport[] = [];
  runSweep(job, (r) => out.push(compactReport(r)));
  return out;
}
