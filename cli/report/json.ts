/**
 * The `--json` report of `dst run` (a contract, DESIGN §7).
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
      violations: f.violations.map((v) => ({ property: v.property, message: v.message, ...(v.signature !== undefined && { signature: v.signature }) })),
    })),
  };
  if (limits.length > 0) report.limits = limits;
  if (reports.length === 1) report.traceHash = reports[0]?.traceHash;
  return report;
}
