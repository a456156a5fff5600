/**
 * What a scenario will cost before it runs: an estimate of the engine calls its workload
 * makes, the kernel steps they take, the heap they hold and the wall time they need,
 * from the configuration alone (agents × duration ÷ checkin cycle, enrollment and
 * background rates, the step budget). The per-unit costs are measured on the shipped
 * scenarios (README, Performance): about 7 steps and 5 KB of heap per call, 5 KB per
 * agent, 100,000 steps per second. The check refuses a scenario only when the estimate is
 * well past a budget (by {@link MARGIN}, {@link WALL_MARGIN}); the run's own heap and wall budgets stop the rest.
 */
import type { ResourceBudget } from '../harness/target.ts';
import type { Scenario } from './schema.ts';
import { bulkOptions } from './world.ts';

/** Measured costs (see the module comment). */
export const COSTS = { stepsPerCall: 7, bytesPerCall: 5_000, bytesPerAgent: 5_000, stepsPerSecond: 100_000 } as const;

/** How far past the heap budget the estimate must be before the scenario is refused (the estimate is rough). */
export const MARGIN = 2;

/** The same for the wall budget: machines differ in speed far more than runs differ in memory. */
export const WALL_MARGIN = 10;

/** One source of load and what it contributes. */
interface Load {
  /** The fields that set it, for the message. */
  readonly fields: string;
  readonly calls: number;
}

/** The estimate of one run. */
export interface RunEstimate {
  /** Engine calls the workload makes before shutdown. */
  readonly calls: number;
  /** Kernel steps, at most the step budget. */
  readonly steps: number;
  readonly heapMb: number;
  readonly wallS: number;
  /** The fields of the largest source of load. */
  readonly dominant: string;
}

const mean = (r: { min: number; max: number }) => (r.min + r.max) / 2;

/** The calls of each source of load. */
function loads(s: Scenario): Load[] {
  const wl = s.workload;
  const c = wl.checkin;
  const flushS = bulkOptions(s).flushInterval / 1e6;
  const latencyS = mean(s.elasticsearch.latencyMs) / 1000;
  const callsPerCheckin = 2 + c.actionSearch + c.upgradeUpdate + c.apiKeyUpdate;
  // A disconnect cuts the long poll short; each call waits for a flush and Elasticsearch.
  const pollS = (1 - c.disconnect) * mean(c.longPollS) + c.disconnect * Math.min(mean(c.longPollS), mean(c.disconnectAfterS));
  const cycleS = Math.max(1e-3, pollS + mean(c.gapS) + callsPerCheckin * (flushS + latencyS));
  const perAgent = Math.min(wl.checkinsPerAgent > 0 ? wl.checkinsPerAgent : Number.POSITIVE_INFINITY, Math.max(1, s.durationS / cycleS));
  return [
    { fields: 'workload.agents × durationS ÷ the checkin cycle (workload.checkin, latency, flush interval)', calls: wl.agents * perAgent * callsPerCheckin },
    { fields: 'workload.enrollmentsPerS × durationS', calls: wl.enrollmentsPerS * s.durationS * 2 },
    // Background callers wait for each call and go on until the bulker stops (after the server drain).
    { fields: 'workload.backgroundCallers (count × durationS ÷ everyS)', calls: (wl.backgroundCallers.count * (s.durationS + s.shutdown.serverDrainS)) / (wl.backgroundCallers.everyS + flushS + latencyS) },
    { fields: 'workload.backgroundMultiUpdateEveryS', calls: wl.backgroundMultiUpdateEveryS > 0 ? s.durationS / wl.backgroundMultiUpdateEveryS : 0 },
  ];
}

/** Estimates one run of `s` (pure). */
export function estimateRun(s: Scenario): RunEstimate {
  const ls = loads(s);
  const dominant = ls.reduce((a, b) => (b.calls > a.calls ? b : a));
  const natural = ls.reduce((n, l) => n + l.calls, 0);
  // The step budget ends a run that would go on: the calls it can make are bounded by it.
  const calls = Math.min(natural, s.budgets.maxSteps / COSTS.stepsPerCall);
  const steps = Math.min(s.budgets.maxSteps, natural * COSTS.stepsPerCall);
  const heapMb = (calls * COSTS.bytesPerCall + s.workload.agents * COSTS.bytesPerAgent) / 1e6;
  return { calls, steps, heapMb, wallS: steps / COSTS.stepsPerSecond, dominant: dominant.fields };
}

const round = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(2));

/** Why `s` cannot run within `budget`, naming the fields to change, or null. */
export function scenarioResourceProblem(s: Scenario, budget: ResourceBudget): string | null {
  const e = estimateRun(s);
  const what = `about ${round(e.calls)} engine calls and ${round(e.steps)} steps (mostly from ${e.dominant})`;
  if (e.heapMb > budget.maxHeapMb * MARGIN) return `needs about ${round(e.heapMb)} MB of heap for ${what}, more than the heap budget of ${round(budget.maxHeapMb)} MB; lower those fields or budgets.maxSteps`;
  if (e.wallS * 1000 > budget.maxWallMs * WALL_MARGIN) return `needs about ${round(e.wallS)} s of wall time for ${what}, more than the wall budget of ${round(budget.maxWallMs / 1000)} s; lower those fields or budgets.maxSteps, or raise --max-wall`;
  return null;
}
