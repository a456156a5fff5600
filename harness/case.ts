/**
 * One case: a scenario, a variant and a strategy, run once and checked against every
 * property. Pure: returns a report, prints nothing.
 */
import type { Mutant, VariantName } from '../engine/index.ts';
import { checkAll } from '../properties/checkers.ts';
import type { RunFacts } from '../properties/facts.ts';
import type { PropertyName } from '../properties/names.ts';
import type { Violation } from '../properties/violation.ts';
import type { Decision, OutcomeKind, RunResult, Strategy } from '../sim/index.ts';
import type { Scenario } from '../scenario/schema.ts';
import { buildWorld, type World } from '../scenario/world.ts';
import { replayCommand } from './commands.ts';
import { makeStrategy, type StrategySpec } from './strategy-spec.ts';

/** What to run. */
export interface CaseSpec {
  readonly scenario: Scenario;
  /** How the user named the scenario (a shipped name or a file path), for replay commands. */
  readonly scenarioRef: string;
  readonly variant: VariantName;
  readonly strategy: StrategySpec;
  readonly swarm: boolean;
  /** The repro file this case came from, if any (for the replay command). */
  readonly reproFile?: string;
  /** Keep every trace event (timelines); default false (hash only, faster). */
  readonly keepTrace?: boolean;
  /** Deliberately broken engine behaviour (checker tests only). */
  readonly mutants?: readonly Mutant[];
  /** A tighter step budget than the scenario's (the shrinker bounds pathological schedules). */
  readonly maxSteps?: number;
}

/** The report of one case. */
export interface CaseReport {
  /** The scenario's name. */
  readonly scenario: string;
  /** How the user named it (a shipped name or a file path). */
  readonly scenarioRef: string;
  readonly variant: VariantName;
  readonly seed: number | null;
  readonly strategy: StrategySpec['kind'];
  readonly swarm: boolean;
  readonly passed: boolean;
  readonly outcome: OutcomeKind;
  readonly outcomeMessage: string;
  /** First violated property and its message (null when passed). */
  readonly property: PropertyName | null;
  readonly message: string | null;
  readonly violations: readonly Violation[];
  /** Number of violations per property (before any trimming of `violations`). */
  readonly violationCounts: Readonly<Partial<Record<PropertyName, number>>>;
  readonly traceHash: string;
  readonly steps: number;
  readonly virtualTimeUs: number;
  readonly decisions: number;
  readonly replay: string;
  readonly stats: { readonly calls: number; readonly blocksAcquired: number; readonly blocksFreed: number; readonly leaked: number };
}

/** A case's report with the raw run (for traces, repro files and explore). */
export interface CaseRun {
  readonly report: CaseReport;
  readonly result: RunResult;
  readonly world: World;
}

/** Runs a case with an explicit strategy object (exploration uses this). */
export function runWithStrategy(spec: CaseSpec, strategy: Strategy): CaseRun {
  const world = buildWorld({ scenario: spec.scenario, variant: spec.variant, strategy, swarm: spec.swarm, keepTrace: spec.keepTrace ?? false, mutants: spec.mutants ?? [], ...(spec.maxSteps !== undefined && { maxSteps: spec.maxSteps }) });
  const result = world.sim.run();
  const poolViolations = world.bulker.pool.finish();
  const facts: RunFacts = {
    result,
    poolViolations,
    blocks: world.bulker.pool.resources,
    calls: world.ledger.calls,
    writes: world.ledger.writes,
    readDocument: (index, id) => world.es.getDocument(index, id),
  };
  const violations = outcomeViolations(result).concat(checkAll(facts));
  const first = violations[0];
  const seed = spec.strategy.kind === 'decisions' ? null : spec.strategy.seed;
  const stats = world.bulker.pool.stats;
  const report: CaseReport = {
    scenario: spec.scenario.name,
    scenarioRef: spec.scenarioRef,
    variant: spec.variant,
    seed,
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
    replay: replayCommand(spec),
    stats: { calls: world.ledger.calls.length, blocksAcquired: stats.acquired, blocksFreed: stats.freed, leaked: poolViolations.filter((v) => v.kind === 'leak').length },
  };
  return { report, result, world };
}

/** Runs a case. */
export function runCase(spec: CaseSpec): CaseRun {
  return runWithStrategy(spec, makeStrategy(spec.strategy));
}

/** Outcomes that are findings on their own: nondeterminism leaks and replay divergence. */
function outcomeViolations(r: RunResult): Violation[] {
  const o = r.outcome;
  if (o.kind === 'nondeterminism' || o.kind === 'replay-divergence') {
    return [{ property: 'determinism', message: o.message, evidence: { tasks: o.task ? [o.task] : [], step: o.step, time: o.time } }];
  }
  return [];
}

/** The recorded decisions of a run, for repro files. */
export function decisionsOf(r: RunResult): Decision[] {
  return r.decisions.toArray();
}

function countByProperty(vs: readonly Violation[]): Partial<Record<PropertyName, number>> {
  const out: Partial<Record<PropertyName, number>> = {};
  for (const v of vs) out[v.property] = (out[v.property] ?? 0) + 1;
  return out;
}
