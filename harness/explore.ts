/**
 * Systematic exploration of a small scenario: depth-first over every decision, with a
 * preemption bound and a schedule budget.
 */
import type { VariantName } from '../engine/index.ts';
import { explore } from '../sim/index.ts';
import type { Scenario } from '../scenario/schema.ts';
import { runWithStrategy, type CaseReport, type CaseSpec } from './case.ts';

/** Result of exploring one scenario on one variant. */
export interface ExploreReport {
  readonly scenario: string;
  readonly variant: VariantName;
  readonly bound: number;
  readonly maxSchedules: number;
  readonly schedules: number;
  readonly exhausted: boolean;
  readonly passed: boolean;
  /** The first failing schedule, with the decisions that reproduce it. */
  readonly failure: (CaseReport & { readonly decisionList: ReadonlyArray<{ label: string; width: number; choice: number }> }) | null;
}

/** Explores `scenario` on `variant`. */
export function exploreScenario(scenario: Scenario, scenarioRef: string, variant: VariantName, bound: number, maxSchedules: number): ExploreReport {
  const spec: CaseSpec = { scenario, scenarioRef, variant, strategy: { kind: 'decisions', decisions: [] }, swarm: false };
  const r = explore((s) => runWithStrategy(spec, s), (run) => !run.report.passed, { preemptionBound: bound, maxSchedules });
  const f = r.failures[0];
  return {
    scenario: scenario.name,
    variant,
    bound,
    maxSchedules,
    schedules: r.schedules,
    exhausted: r.exhausted,
    passed: f === undefined,
    failure: f === undefined ? null : { ...f.result.report, decisionList: f.result.result.decisions.toArray() },
  };
}
