/**
 * Runs a sweep on N worker threads (piscina, TypeScript through tsx). Seeds are cut
 * into small slices so that the progress bar moves and slow seeds balance out; the
 * reports are put back in seed order, so the result does not depend on the workers.
 */
import { Piscina } from 'piscina';
import type { CaseReport } from '../../harness/case.ts';
import type { SweepJob } from '../../harness/sweep.ts';

/** Runs `job` on `workers` threads, calling `onCase` as slices finish; resolves to reports in job order. */
export async function runOnWorkers(job: SweepJob, workers: number, onCase: (r: CaseReport) => void): Promise<CaseReport[]> {
  const pool = new Piscina({
    // A JS entry that registers tsx in the worker thread: `--import tsx` in execArgv hooks
    // static imports only, and target modules are imported dynamically.
    filename: new URL('./entry.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
  });
  try {
    const sliceSize = Math.max(1, Math.min(10, Math.ceil(job.seeds.length / (workers * 4))));
    const slices: SweepJob[] = [];
    for (const scenario of job.scenarios) {
      for (let i = 0; i < job.seeds.length; i += sliceSize) slices.push({ ...job, scenarios: [scenario], seeds: job.seeds.slice(i, i + sliceSize) });
    }
    const results = await Promise.all(
      slices.map(async (s) => {
        const reports = (await pool.run(s)) as CaseReport[];
        for (const r of reports) onCase(r);
        return reports;
      }),
    );
    return results.flat();
  } finally {
    await pool.destroy();
  }
}
