/**
 * The go-strategy pass of `dst run --go-seeds N`: for every configuration (scenario and
 * variant) where the sweep found a bug, run N seeds under Go-like scheduling and count,
 * per bug, the seeds that show its signature: how likely the bug is under Go's own
 * scheduler rather than under a uniform random walk.
 */
import type { Bug } from '../../harness/bugs.ts';
import type { CaseReport } from '../../harness/case.ts';
import type { SweepJob } from '../../harness/sweep.ts';
import type { LoadedTarget } from '../../harness/targets.ts';
import { sweepReports } from './sweep-runner.ts';

/** A bug's go-strategy find rate: seeds that showed it, of how many (`procs`: `GOMAXPROCS`). */
export interface GoFindRate {
  readonly found: number;
  readonly seeds: number;
  readonly procs: number;
}

/** What the pass needs from the sweep. */
export interface GoPassInput {
  readonly target: LoadedTarget;
  readonly base: Omit<SweepJob, 'scenarios' | 'variant' | 'strategy' | 'seeds'>;
  readonly reports: readonly CaseReport[];
  readonly bugs: readonly Bug[];
  /** Seeds per configuration (0..N-1) and processors. */
  readonly seeds: number;
  readonly procs: number;
  readonly workers: number;
}

/** Runs the pass; returns each bug's find rate by signature. */
export async function goPass(p: GoPassInput): Promise<Map<string, GoFindRate>> {
  // Configurations with a bug, by how the scenario was named and the variant.
  const configs = new Map<string, { ref: string; variant: string; bugs: Set<string> }>();
  for (const r of p.reports) {
    if (r.passed) continue;
    const key = `${r.scenarioRef}\u0000${r.variant}`;
    let c = configs.get(key);
    if (c === undefined) configs.set(key, (c = { ref: r.scenarioRef, variant: r.variant, bugs: new Set() }));
    for (const s of Object.keys(r.signatureCounts)) c.bugs.add(s);
  }
  const seen = new Map<string, Map<string, number>>(); // config key → signature → go seeds showing it
  const seeds = Array.from({ length: p.seeds }, (_, i) => i);
  for (const [key, c] of configs) {
    const job: SweepJob = { ...p.base, scenarios: [c.ref], variant: c.variant, strategy: 'go', procs: p.procs, seeds };
    const counts = new Map<string, number>();
    for (const r of await sweepReports(p.target, job, p.workers, () => undefined)) for (const s of Object.keys(r.signatureCounts)) counts.set(s, (counts.get(s) ?? 0) + 1);
    seen.set(key, counts);
  }
  const out = new Map<string, GoFindRate>();
  for (const b of p.bugs) {
    let found = 0;
    let n = 0;
    for (const [key, c] of configs) {
      if (!c.bugs.has(b.signature)) continue;
      found += seen.get(key)?.get(b.signature) ?? 0;
      n += p.seeds;
    }
    out.set(b.signature, { found, seeds: n, procs: p.procs });
  }
  return out;
}
