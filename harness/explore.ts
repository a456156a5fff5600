/**
 * Systematic exploration of a small configuration: depth-first over every decision,
 * with a preemption bound and a schedule budget.
 */
import { explore } from '../sim/index.ts';
import { runWithStrategy, type CaseReport, type CaseSpec } from './case.ts';

/** Result of exploring one configuration on one variant. */
export interface ExploreReport {
  readonly target: string;
  readonly scenario: string;
  readonly variant: string;
  readonly bound: number;
  readonly maxSchedules: number;
  readonly schedules: number;
  readonly exhausted: boolean;
  readonly passed: boolean;
  /** Set when a budget of the tool (heap, wall clock) stopped a schedule: exploration ends there, inconclusive. */
  readonly limit: string | null;
  /** The first failing schedule, with the decisions that reproduce it. */
  readonly failure: (CaseReport & { readonly decisionList: ReadonlyArray<{ label: string; width: number; choice: number }> }) | null;
}

/**
 * Explores the case `spec` describes (its strategy is ignored: every schedule is tried);
 * `onSchedule` is told after each schedule (progress).
 */
export function exploreCase(spec: CaseSpec, bound: number, maxSchedules: number, onSchedule?: (schedules: number) => void): ExploreReport {
  const base: CaseSpec = { ...spec, strategy: { kind: 'decisions', decisions: [] }, swarm: false };
  let n = 0;
  const once = (s: Parameters<typeof runWithStrategy>[1]) => {
    const run = runWithStrategy(base, s);
    onSchedule?.(++n);
    return run;
  };
  const r = explore(once, (run) => !run.report.passed, { preemptionBound: bound, maxSchedules });
  const f = r.failures[0];
  return {
    target: spec.target.target.name,
    scenario: spec.configName,
    variant: spec.variant,
    bound,
    maxSchedules,
    schedules: r.schedules,
    exhausted: r.exhausted,
    passed: f === undefined,
    limit: f?.result.report.limit ?? null,
    failure: f === undefined || f.result.report.limit !== null ? null : { ...f.result.report, decisionList: f.result.result.decisions.toArray() },
  };
}
