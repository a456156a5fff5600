/**
 * Interleaving coverage of a sweep (`dst run --coverage`): every seed of the job re-run
 * with the dependency relation recorded, its pairs of dependent steps by site collected,
 * in blocks of seeds for the saturation curve.
 */
import { dependentPairs, InterleavingCoverage, Recording, type CoverageSummary } from '../sim/index.ts';
import { runWithStrategy } from './case.ts';
import { chooseConfig } from './configuration.ts';
import { makeStrategy } from './strategy-spec.ts';
import { seedCase, type SweepJob } from './sweep.ts';
import type { LoadedTarget } from './targets.ts';

/** The interleaving coverage of `job`'s seeds (all its configurations per seed), ten blocks of seeds. */
export function coverageSweep(target: LoadedTarget, job: SweepJob): CoverageSummary {
  const cov = new InterleavingCoverage(Math.max(1, Math.ceil(job.seeds.length / 10)));
  const chosen = job.scenarios.map((ref) => chooseConfig(target.target, ref));
  for (const seed of job.seeds) {
    const pairs = new Set<string>();
    for (const c of chosen) {
      const spec = { ...seedCase(target, c, job.variant, job.strategy, seed, job.swarm, job.procs), ...(job.budget !== undefined && { budget: job.budget }), races: job.races ?? true };
      const rec = new Recording(makeStrategy(spec.strategy));
      const run = runWithStrategy(spec, rec);
      for (const p of dependentPairs(rec.dependencies, run.result.taskNames)) pairs.add(`${c.name}/${p.replace('\t', `\t${c.name}/`)}`);
    }
    cov.add(pairs);
  }
  return cov.summary();
}

/** Text lines of a coverage summary, with a bar per block of seeds. */
export function coverageLines(variant: string, s: CoverageSummary): string[] {
  const max = Math.max(1, ...s.newPerBlock);
  const lines = [`interleaving coverage on ${variant}: ${s.pairs} pairs of dependent steps (by site), ${s.pairs - s.oneOrderOnly} seen in both orders, ${s.oneOrderOnly} in one order only`];
  s.newPerBlock.forEach((n, i) => lines.push(`  seeds block ${String(i + 1).padStart(2)} (${s.blockSize} seeds): ${'#'.repeat(Math.round((n / max) * 40)).padEnd(40)} ${n} new`));
  return lines;
}
