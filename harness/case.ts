/**
 * One case: a target's configuration, a variant and a strategy, run once on a fresh
 * kernel and checked against every property. Pure: returns a report, prints nothing.
 */
import type { Violation } from '../properties/violation.ts';
import { FairBound, label, PreRun, ScheduleMeter, Sim, type OutcomeKind, type RunResult, type Strategy } from '../sim/index.ts';
import { replayLine } from './commands.ts';
import { outcomeViolations } from '../properties/core.ts';
import { signatureOf, withSignature } from '../properties/signature.ts';
import { RetentionSampler, type RetentionSummary } from './retention.ts';
import { decisionsHash } from './divergence.ts';
import { checkRun } from './properties.ts';
import { budgetWatchdog, effectiveBudget, type BudgetOverrides } from './resource-budget.ts';
import { makeStrategy, type StrategySpec } from './strategy-spec.ts';
import { configChanges, recordingDraw, type SwarmDraw, type SwarmSwitches } from './swarm-switches.ts';
import type { ConfigDraw, FinishedRun } from './target.ts';
import type { LoadedTarget } from './targets.ts';

/** What to run. */
export interface CaseSpec {
  readonly target: LoadedTarget;
  /** The configuration (valid for the target's schema). */
  readonly config: unknown;
  /** How the user named the configuration (a name or a file path), for replay commands. */
  readonly configRef: string;
  /** The name reports use for the configuration. */
  readonly configName: string;
  /** The variant's canonical name. */
  readonly variant: string;
  readonly strategy: StrategySpec;
  readonly swarm: boolean;
  /** The repro file this case came from, if any (for the replay command). */
  readonly reproFile?: string;
  /** Keep every trace event (timelines); default false (hash only, faster). */
  readonly keepTrace?: boolean;
  /** Test-only deliberate bugs for the target (see {@link BuildContext.inject}). */
  readonly inject?: unknown;
  /** A tighter step budget than the configuration's (the shrinker bounds pathological schedules). */
  readonly maxSteps?: number;
  /** Heap and wall budgets given on the command line (they override the configuration's). */
  readonly budget?: BudgetOverrides;
  /** Happens-before tracking and the `data-race` property (default true; `--no-races` turns it off for speed). */
  readonly races?: boolean;
}

/** The report of one case. */
export interface CaseReport {
  /** The target's name. */
  readonly target: string;
  /** The configuration's name. */
  readonly scenario: string;
  /** How the user named it (a configuration name or a file path). */
  readonly scenarioRef: string;
  readonly variant: string;
  readonly seed: number | null;
  readonly strategy: StrategySpec['kind'];
  readonly swarm: boolean;
  /** No property failed and no budget of the tool stopped the run. */
  readonly passed: boolean;
  /**
   * Set when a host budget (heap, wall clock) stopped the run: a limit of the tool, not a
   * finding; the run's properties were not checked (it did not end). Null otherwise.
   */
  readonly limit: string | null;
  readonly outcome: OutcomeKind;
  readonly outcomeMessage: string;
  /** First (most severe) violated property and its message (null when passed). */
  readonly property: string | null;
  readonly message: string | null;
  readonly violations: readonly Violation[];
  /** Number of violations per property (before any trimming of `violations`). */
  readonly violationCounts: Readonly<Record<string, number>>;
  /** Number of violations per signature (before any trimming), in order of first appearance: the bugs this run shows. */
  readonly signatureCounts: Readonly<Record<string, number>>;
  readonly traceHash: string;
  /** A digest of the decision log ({@link decisionsHash}): `--check-determinism` compares it with the trace hash. */
  readonly decisionsHash: string;
  readonly steps: number;
  readonly virtualTimeUs: number;
  readonly decisions: number;
  readonly replay: string;
  /** The target's counters (e.g. calls, blocks acquired). */
  readonly stats: Readonly<Record<string, number>>;
  /** What the run kept reachable over virtual time (peak and final). */
  readonly retained: RetentionSummary;
  /** How special its schedule is (absent when the run's strategy was not metered, as in exploration). */
  readonly schedule?: ScheduleMeasure;
  /** In swarm mode: the switches this run drew and the configuration values they changed. */
  readonly switches?: SwarmSwitches;
}

/** A schedule's measures. */
export interface ScheduleMeasure {
  /** Switches away from a task that could still run. */
  readonly preemptions: number;
  /** Of those, switches to a task the preempted one had just woken (Go would keep running the waker). */
  readonly wakeeFirst: number;
}

/** A case's report with the raw run (for traces, repro files and exploration). */
export interface CaseRun {
  readonly report: CaseReport;
  readonly result: RunResult;
  /** The finished run as properties saw it (the target's world included). */
  readonly run: FinishedRun<unknown, unknown>;
}

/** The configuration decisions of swarm mode, recorded in the pre-run phase on the workload stream. */
function drawOf(pre: PreRun): ConfigDraw {
  return { decide: (width, name) => pre.decide(width, label(name, 'workload')) };
}

/**
 * Runs a case with an explicit strategy object (exploration uses this). When `strategy`
 * is a {@link ScheduleMeter}, the report carries its schedule's measures.
 */
export function runWithStrategy(spec: CaseSpec, given: Strategy): CaseRun {
  const t = spec.target.target;
  const fair = t.limits(spec.config).fairnessBound;
  // The fairness bound sits inside a schedule meter, so the meter sees the choices it forces.
  const strategy = fair === undefined ? given : given instanceof ScheduleMeter ? given.around((s) => new FairBound(s, fair)) : new FairBound(given, fair);
  const preRun = new PreRun(strategy);
  const swarm = t.swarm;
  // The target's own code (swarm switches, build) runs under the nondeterminism guard like the run.
  const draws: SwarmDraw[] = [];
  const config = spec.swarm && swarm !== undefined ? (preRun.guarded(() => swarm(spec.config, recordingDraw(drawOf(preRun), draws))) ?? spec.config) : spec.config;
  const limits = t.limits(config);
  let world: unknown;
  const retain = t.retained;
  const sampler = new RetentionSampler(retain === undefined ? null : () => (world === undefined ? { objects: 0, bytes: 0 } : retain(world)), t.retainedNoun ?? 'object', limits.until);
  const sim = new Sim({
    strategy,
    preRun,
    ...(limits.until !== undefined && { until: limits.until }),
    maxSteps: Math.min(limits.maxSteps ?? 10_000_000, spec.maxSteps ?? Number.POSITIVE_INFINITY),
    ...(limits.maxTime !== undefined && { maxTime: limits.maxTime }),
    timeSlip: limits.timeSlip ?? false,
    keepTrace: spec.keepTrace ?? false,
    observer: sampler.observer,
    watchdog: budgetWatchdog(effectiveBudget(limits, spec.budget)),
    races: spec.races ?? true,
  });
  let built = false;
  world =
    preRun.leak !== null
      ? undefined
      : sim.guarded(() => {
          const w = t.build(sim, config, { variant: spec.variant, ...(spec.inject !== undefined && { inject: spec.inject }) });
          built = true;
          return w;
        });
  const result = sim.run();
  const retained = sampler.finish(sim.gauges);
  const run: FinishedRun<unknown, unknown> = { config, variant: spec.variant, world, result };
  // A setup that leaked built no (complete) world, and a run a budget stopped did not end: neither is checked.
  const limit = result.outcome.kind === 'resource-budget' ? result.outcome.message : null;
  const violations = limit !== null ? [] : outcomeViolations(result).concat(built ? checkRun(t, run) : []).map(withSignature);
  const first = violations[0];
  const report: CaseReport = {
    target: t.name,
    scenario: spec.configName,
    scenarioRef: spec.configRef,
    variant: spec.variant,
    seed: spec.strategy.kind === 'decisions' ? null : spec.strategy.seed,
    strategy: spec.strategy.kind,
    swarm: spec.swarm,
    passed: violations.length === 0 && limit === null,
    limit,
    outcome: result.outcome.kind,
    outcomeMessage: result.outcome.message,
    property: first?.property ?? null,
    message: first?.message ?? null,
    violations,
    violationCounts: countBy(violations, (v) => v.property),
    signatureCounts: countBy(violations, signatureOf),
    traceHash: result.traceHash,
    decisionsHash: decisionsHash(result.decisions),
    steps: result.steps,
    virtualTimeUs: result.time,
    decisions: result.decisions.length,
    replay: replayLine(spec),
    stats: built && limit === null ? (t.stats?.(run) ?? {}) : {},
    retained,
    ...(strategy instanceof ScheduleMeter && { schedule: { preemptions: strategy.preemptions, wakeeFirst: strategy.wakeeFirst } }),
    ...(spec.swarm && swarm !== undefined && { switches: { draws, changed: configChanges(spec.config, config) } }),
  };
  return { report, result, run };
}

/** Runs a case (its strategy metered, so the report says how special its schedule is). */
export function runCase(spec: CaseSpec): CaseRun {
  return runWithStrategy(spec, new ScheduleMeter(makeStrategy(spec.strategy)));
}

function countBy(vs: readonly Violation[], key: (v: Violation) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of vs) {
    const k = key(v);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
