/**
 * The `--json` report of `dst run` and `dst replay` (a contract, DESIGN §7): `failures[]`
 * keeps its contract fields and adds what grouping failures into bugs needs (per-failure
 * signatures, sizes, strategy), so that shard reports can be merged.
 */
import type { CaseReport } from '../../harness/case.ts';
import { limitsJson } from '../limits.ts';

/** Builds the run report object. */
export function runReport(reports: readonly CaseReport[], meta: Record<string, unknown>): Record<string, unknown> {
  // A run a budget of the tool stopped is not a failure of a property: it is listed under `limits`.
  const failures = reports.filter((r) => !r.passed && !r.limit);
  const limits = limitsJson(reports);
  const report: Record<string, unknown> = {
    passed: failures.length === 0 && limits.length === 0,
    runs: reports.length,
    failed: failures.length,
    ...meta,
    failures: failures.map((f) => ({
      seed: f.seed,
      scenario: f.scenario,
      variant: f.variant,
      property: f.property,
      message: f.message,
      traceHash: f.traceHash,
      replay: f.replay,
      outcome: f.outcome,
      violationCounts: f.violationCounts,
      violations: f.violations.map((v) => ({ property: v.property, message: v.message, ...(v.signature !== undefined && { signature: v.signature }), step: v.evidence.step })),
      // What grouping into bugs needs, so shard reports merge into the unsharded report (dst merge).
      ...(f.scenarioRef !== f.scenario && { scenarioRef: f.scenarioRef }),
      strategy: f.strategy,
      steps: f.steps,
      decisions: f.decisions,
      signatures: f.signatureCounts,
      ...(f.schedule !== undefined && { schedule: f.schedule }),
      ...(f.switches !== undefined && { switches: f.switches }),
    })),
  };
  if (limits.length > 0) report.limits = limits;
  if (reports.length === 1) report.traceHash = reports[0]?.traceHash;
  return report;
}
