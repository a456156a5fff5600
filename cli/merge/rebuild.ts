/**
 * A shard report's runs as case reports again: every run (from `retention.runs`), with
 * what its failure or limit entry says about it, in the shard's report order. Only what
 * reports render and bugs are grouped from is rebuilt; the rest is empty.
 */
import type { CaseReport } from '../../harness/case.ts';
import type { OutcomeKind } from '../../sim/index.ts';
import type { ShardReport } from './report-schema.ts';

/** A rebuilt run and its wall-clock ms. */
export interface RebuiltRun {
  readonly report: CaseReport;
  readonly ms: number;
}

const keyOf = (variant: string, ref: string, seed: number | null) => `${variant}\u0000${ref}\u0000${seed}`;

/** The runs of `shard`, in its order. */
export function rebuildRuns(shard: ShardReport): RebuiltRun[] {
  const failures = new Map(shard.failures.map((f) => [keyOf(f.variant, f.scenarioRef ?? f.scenario, f.seed), f]));
  const limits = new Map((shard.limits ?? []).map((l) => [keyOf(l.variant, l.scenarioRef ?? l.scenario, l.seed), l]));
  const runs = shard.retention.runs;
  return runs.map((run, i) => {
    const { scenario, scenarioRef, variant, seed, ...retained } = run;
    const ref = scenarioRef ?? scenario;
    const f = failures.get(keyOf(variant, ref, seed));
    const l = limits.get(keyOf(variant, ref, seed));
    const report: CaseReport = {
      target: shard.target,
      scenario,
      scenarioRef: ref,
      variant,
      seed,
      strategy: (f?.strategy ?? shard.strategy) as CaseReport['strategy'],
      swarm: shard.swarm === true,
      passed: f === undefined && l === undefined,
      limit: l?.limit ?? null,
      outcome: (f?.outcome ?? (l !== undefined ? 'resource-budget' : 'ok')) as OutcomeKind,
      outcomeMessage: '',
      property: f?.property ?? null,
      message: f?.message ?? null,
      violations: (f?.violations ?? []).map(({ step, ...v }) => ({ ...v, evidence: { step: step ?? 0, time: 0 } })), // the step orders a bug's consequences
      violationCounts: f?.violationCounts ?? {},
      signatureCounts: f?.signatures ?? {},
      traceHash: f?.traceHash ?? (runs.length === 1 ? (shard.traceHash ?? '') : ''),
      decisionsHash: '',
      steps: f?.steps ?? l?.steps ?? 0,
      virtualTimeUs: 0,
      decisions: f?.decisions ?? 0,
      replay: f?.replay ?? l?.replay ?? '',
      stats: {},
      retained,
      ...(f?.schedule !== undefined && { schedule: f.schedule }),
      ...(f?.switches !== undefined && { switches: f.switches }),
    };
    return { report, ms: shard.timing?.runMs[i] ?? 0 }; // without --timing, JUnit times are 0
  });
}
