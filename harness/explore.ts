/**
 * Systematic exploration of a small configuration: depth-first over every decision,
 * with a preemption bound (or none), a schedule budget, and partial-order reduction of
 * scheduling decisions (source-DPOR with sleep sets) or none.
 */
import { explore, type ExploreProgress } from '../sim/index.ts';
import { runWithStrategy, type CaseReport, type CaseSpec } from './case.ts';
import { chooseConfig } from './configuration.ts';
import type { BudgetOverrides } from './resource-budget.ts';
import type { LoadedTarget } from './targets.ts';

/** One explored schedule as the harness runs it. */
type CaseRun = ReturnType<typeof runWithStrategy>;

/** How an exploration reduces the schedule space. */
export type Reduction = 'dpor' | 'none';

/** How an exploration is bounded and reduced. */
export interface ExploreSettings {
  /** Preemption bound; Infinity for none. */
  readonly bound: number;
  readonly maxSchedules: number;
  readonly reduction: Reduction;
  /** Called after every schedule (progress lines). */
  readonly onProgress?: (p: ExploreProgress) => void;
  /** Go on past failures to the end of the space, counting the schedules that violate each property. */
  readonly keepGoing?: boolean;
}

/** A property violated somewhere in the explored space, with how many schedules violated it. */
export interface ViolatedProperty {
  readonly property: string;
  readonly schedules: number;
}

/** Result of exploring one configuration on one variant. */
export interface ExploreReport {
  readonly target: string;
  readonly scenario: string;
  readonly variant: string;
  /** Preemption bound; Infinity for none. */
  readonly bound: number;
  readonly maxSchedules: number;
  readonly reduction: Reduction;
  readonly schedules: number;
  /** Mazurkiewicz classes covered (distinct classes of the complete runs); null without reduction. */
  readonly classes: number | null;
  /** Runs cut short because every runnable task was asleep (the reduction's waste). */
  readonly redundant: number;
  readonly exhausted: boolean;
  readonly passed: boolean;
  /** Wall time of the exploration (ms), outside determinism. */
  readonly wallMs: number;
  /** Set when a budget of the tool (heap, wall clock) stopped a schedule: exploration ends there, inconclusive. */
  readonly limit: string | null;
  /** Schedules that failed (at most 1 unless the exploration kept going). */
  readonly failingSchedules: number;
  /** Every property the failing schedules violated, most schedules first (ties by name). */
  readonly violated: readonly ViolatedProperty[];
  /** The first failing schedule, with the decisions that reproduce it. */
  readonly failure: (CaseReport & { readonly decisionList: ReadonlyArray<{ label: string; width: number; choice: number }> }) | null;
}

/** The case an exploration of configuration `ref` on `variant` starts from (its decisions are the exploration's). */
export function exploreSpec(target: LoadedTarget, ref: string, variant: string, budget: BudgetOverrides = {}, races = true): CaseSpec {
  const chosen = chooseConfig(target.target, ref);
  return { target, config: chosen.config, configRef: chosen.ref, configName: chosen.name, variant, strategy: { kind: 'decisions', decisions: [] }, swarm: false, budget, races };
}

/**
 * Explores the case `spec` describes (its strategy is ignored: every schedule is tried).
 * @param now - a host clock in ms for the report's wall time (the CLI's; tests may pass a constant).
 */
export function exploreCase(spec: CaseSpec, bound: number, maxSchedules: number, settings: Partial<ExploreSettings> = {}, now: () => number = () => 0): ExploreReport {
  const base: CaseSpec = { ...spec, strategy: { kind: 'decisions', decisions: [] }, swarm: false };
  const reduction = settings.reduction ?? 'none';
  const t0 = now();
  const keepGoing = settings.keepGoing === true;
  let first: CaseRun | undefined;
  let failing = 0;
  const perProperty = new Map<string, number>();
  const isFailure = (run: CaseRun): boolean => {
    if (run.report.passed) return false;
    // A budget of the tool ends the exploration: what follows would not be a finding either.
    if (run.report.limit !== null) return true;
    failing++;
    first ??= run;
    for (const p of new Set(run.report.violations.map((v) => v.property))) perProperty.set(p, (perProperty.get(p) ?? 0) + 1);
    return !keepGoing;
  };
  const r = explore((s) => runWithStrategy(base, s), isFailure, {
    preemptionBound: bound,
    maxSchedules,
    reduction,
    ...(settings.onProgress ? { onProgress: settings.onProgress } : {}),
  });
  const wallMs = now() - t0;
  const stopped = r.failures[0]?.result;
  const f = stopped !== undefined && stopped.report.limit !== null ? stopped : first;
  const violated = [...perProperty].map(([property, schedules]) => ({ property, schedules })).sort((a, b) => b.schedules - a.schedules || a.property.localeCompare(b.property));
  return {
    target: spec.target.target.name,
    scenario: spec.configName,
    variant: spec.variant,
    bound,
    maxSchedules,
    reduction,
    schedules: r.schedules,
    classes: r.classes,
    redundant: r.redundant,
    exhausted: r.exhausted,
    passed: f === undefined,
    wallMs,
    limit: f?.report.limit ?? null,
    failingSchedules: failing,
    violated,
    failure: f === undefined || f.report.limit !== null ? null : { ...f.report, decisionList: f.result.decisions.toArray() },
  };
}
