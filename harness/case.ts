/**
 * One case: a target's configuration, a variant and a strategy, run once on a fresh
 * kernel and checked against every property. Pure: returns a report, prints nothing.
 */
import type { Violation } from '../properties/violation.ts';
import { label, PreRun, Sim, type OutcomeKind, type RunResult, type Strategy } from '../sim/index.ts';
import { replayLine } from './commands.ts';
import { outcomeViolations } from '../properties/core.ts';
import { checkRun } from './properties.ts';
import { makeStrategy, type StrategySpec } from './strategy-spec.ts';
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
  readonly passed: boolean;
  readonly outcome: OutcomeKind;
  readonly outcomeMessage: string;
  /** First (most severe) violated property and its message (null when passed). */
  readonly property: string | null;
  readonly message: string | null;
  readonly violations: readonly Violation[];
  /** Number of violations per property (before any trimming of `violations`). */
  readonly violationCounts: Readonly<Record<string, number>>;
  readonly traceHash: string;
  readonly steps: number;
  readonly virtualTimeUs: number;
  readonly decisions: number;
  readonly replay: string;
  /** The target's counters (e.g. calls, blocks acquired). */
  readonly stats: Readonly<Record<string, number>>;
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

/** Runs a case with an explicit strategy object (exploration uses this). */
export function runWithStrategy(spec: CaseSpec, strategy: Strategy): CaseRun {
  const t = spec.target.target;
  const preRun = new PreRun(strategy);
  const config = spec.swarm && t.swarm !== undefined ? t.swarm(spec.config, drawOf(preRun)) : spec.config;
  const limits = t.limits(config);
  const sim = new Sim({
    strategy,
    preRun,
    ...(limits.until !== undefined && { until: limits.until }),
    maxSteps: Math.min(limits.maxSteps ?? 10_000_000, spec.maxSteps ?? Number.POSITIVE_INFINITY),
    ...(limits.maxTime !== undefined && { maxTime: limits.maxTime }),
    timeSlip: limits.timeSlip ?? false,
    keepTrace: spec.keepTrace ?? false,
    races: spec.races ?? true,
  });
  const world = t.build(sim, config, { variant: spec.variant, ...(spec.inject !== undefined && { inject: spec.inject }) });
  const result = sim.run();
  const run: FinishedRun<unknown, unknown> = { config, variant: spec.variant, world, result };
  const violations = outcomeViolations(result).concat(checkRun(t, run));
  const first = violations[0];
  const report: CaseReport = {
    target: t.name,
    scenario: spec.configName,
    scenarioRef: spec.configRef,
    variant: spec.variant,
    seed: spec.strategy.kind === 'decisions' ? null : spec.strategy.seed,
    strategy: spec.strategy.kind,
    swarm: spec.swarm,
    passed: violations.length === 0,
    outcome: result.outcome.kind,
    outcomeMessage: result.outcome.message,
    property: first?.property ?? null,
    message: first?.message ?? null,
    violations,
    violationCounts: countByProperty(violations),
    traceHash: result.traceHash,
    steps: result.steps,
    virtualTimeUs: result.time,
    decisions: result.decisions.length,
    replay: replayLine(spec),
    stats: t.stats?.(run) ?? {},
  };
  return { report, result, run };
}

/** Runs a case. */
export function runCase(spec: CaseSpec): CaseRun {
  return runWithStrategy(spec, makeStrategy(spec.strategy));
}

function countByProperty(vs: readonly Violation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of vs) out[v.property] = (out[v.property] ?? 0) + 1;
  return out;
}
