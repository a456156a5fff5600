/**
 * Runs one sweep job (a variant, its configurations and seeds) to the end, in this thread
 * or on worker threads; each report comes back compacted (the first violation of each
 * signature), in job order. (`dst run` itself plans its sweep with `cli/sweep/`.)
 */
import type { CaseReport } from '../../harness/case.ts';
import type { SweepJob } from '../../harness/sweep.ts';
import type { LoadedTarget } from '../../harness/targets.ts';
import { executePlan } from '../sweep/execute.ts';

/** The job's reports, calling `onCase` as each arrives. Its seeds must be consecutive. */
export async function sweepReports(target: LoadedTarget, job: SweepJob, workers: number, onCase: (r: CaseReport) => void): Promise<CaseReport[]> {
  const from = job.seeds[0] ?? 0;
  if (job.seeds.some((s, i) => s !== from + i)) throw new Error('sweepReports: seeds must be consecutive');
  const plan = { variants: [job.variant], scenarios: job.scenarios, seeds: { from, to: from + job.seeds.length - 1, shard: null, random: null, budgetMs: null }, order: 'report' as const };
  const settings = { target: job.target, strategy: job.strategy, swarm: job.swarm, races: job.races ?? true, ...(job.procs !== undefined && { procs: job.procs }), ...(job.budget !== undefined && { budget: job.budget }) };
  const r = await executePlan({ target, settings, plan, workers, bail: false, budgetMs: null, onCase: (c) => onCase(c) });
  return r.reports;
}
