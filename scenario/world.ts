/**
 * The bulk engine's world in one run: the kernel, the fake Elasticsearch with its fault
 * profile, the bulker under test, the workload's tasks and the shutdown sequence.
 */
import { Bulker, ENGINE_DEFAULTS, SERVER_CONFIG_DEFAULTS, type BulkOptions, type FlushFact, NO_HOOKS, type EngineHooks, type VariantName } from '../engine/index.ts';
import { FakeElasticsearch } from '../elasticsearch/index.ts';
import { SimEsTransport } from '../elasticsearch/transport.ts';
import type { RunLimits } from '../harness/target.ts';
import { background, ms, sec, withCancel, type Context, type Sim } from '../sim/index.ts';
import { agentId, agentLoop } from './agent.ts';
import { backgroundCaller, checkinBulkLoop } from './background.ts';
import { enrollmentSource } from './enrollment.ts';
import { esProfile } from './es-profile.ts';
import { CallLedger } from './ledger.ts';
import { RequestLog } from './request-log.ts';
import type { Scenario } from './schema.ts';
import { shutdownSequence } from './shutdown.ts';

/** Everything the workload and the checkers need. */
export interface EngineWorld {
  readonly sim: Sim;
  /** The scenario as run (after swarm choices). */
  readonly scenario: Scenario;
  readonly es: FakeElasticsearch;
  readonly bulker: Bulker;
  readonly ledger: CallLedger;
  /** Parent of every request context. */
  readonly serverCtx: Context;
  /** Set when the shutdown sequence begins: no new checkins, enrollments or background calls. */
  stopping: boolean;
  /** Set when the bulker's context is cancelled. */
  bulkerStopped: boolean;
  /** Agents that checked in since the last checkin.Bulk flush. */
  readonly seenAgents: Set<string>;
  /** Every request the engine sent, as typed facts (never part of the trace). */
  readonly requests: RequestLog;
  /** Every queue Run flushed (or disposed of at its exit), with the trigger. */
  readonly flushes: FlushFact[];
  /** The bulker's context (cancelled by the shutdown sequence). */
  readonly bulkerCtx: Context;
  /** When Run's loop ended (its observer's word, or its return), and whether its context had ended then; null while it runs. */
  runExit: { readonly time: number; readonly step: number; readonly error: string | null; readonly ctxEnded: boolean } | null;
}

/** The virtual instant at which the run ends: load, server drain, then the drain period. */
export function endOfRun(s: Scenario): number {
  return sec(s.durationS + s.shutdown.serverDrainS + s.drainS);
}

/** Engine options for a scenario (preset, then overrides). */
export function bulkOptions(s: Scenario): BulkOptions {
  const b = s.bulker;
  const base = b.preset === 'engine' ? ENGINE_DEFAULTS : SERVER_CONFIG_DEFAULTS;
  return {
    ...base,
    ...(b.flushIntervalMs !== undefined && { flushInterval: ms(b.flushIntervalMs) }),
    ...(b.flushThresholdCnt !== undefined && { flushThresholdCnt: b.flushThresholdCnt }),
    ...(b.flushThresholdSz !== undefined && { flushThresholdSz: b.flushThresholdSz }),
    ...(b.maxPending !== undefined && { maxPending: b.maxPending }),
    ...(b.blockQueueSz !== undefined && { blockQueueSz: b.blockQueueSz }),
    ...(b.maxPendingBulkDispatches !== undefined && { maxPendingBulkDispatches: b.maxPendingBulkDispatches }),
    ...(b.enrollFlushIntervalMs !== undefined && { enrollFlushInterval: ms(b.enrollFlushIntervalMs) }),
    ...(b.enrollFlushThresholdCnt !== undefined && { enrollFlushThresholdCnt: b.enrollFlushThresholdCnt }),
  };
}

/** The kernel's budgets and switches for a scenario. */
export function runLimits(s: Scenario): RunLimits {
  return {
    until: endOfRun(s),
    maxSteps: s.budgets.maxSteps,
    maxTime: sec(s.budgets.maxVirtualS),
    timeSlip: s.timeSlip,
    ...(s.budgets.maxHeapMb !== undefined && { maxHeapMb: s.budgets.maxHeapMb }),
    ...(s.budgets.maxWallS !== undefined && { maxWallMs: s.budgets.maxWallS * 1000 }),
  };
}

/**
 * Builds the world on a fresh kernel and spawns its tasks: the fake Elasticsearch with
 * its documents and fault profile, the bulker of `variant`, the workload, the shutdown
 * sequence. The caller runs `sim.run()`.
 */
export function buildWorld(sim: Sim, scenario: Scenario, variant: VariantName, hooks: EngineHooks = NO_HOOKS): EngineWorld {
  const es = new FakeElasticsearch();
  seedDocuments(es, scenario);
  const requests = new RequestLog(sim);
  const flushes: FlushFact[] = [];
  const transport = new SimEsTransport(sim, es, esProfile(sim, scenario.elasticsearch), requests);
  const root = background(sim);
  const [bulkerCtx, cancelBulker] = withCancel(root, 'bulker');
  const onRunExit = (error: string) => {
    w.runExit ??= { time: sim.now, step: sim.steps, error, ctxEnded: bulkerCtx.err() !== null };
  };
  const bulker = new Bulker(sim, transport, { variant, options: bulkOptions(scenario), hooks, observer: { onFlush: (f) => flushes.push(f), onRunExit } });
  const [serverCtx, cancelServer] = withCancel(root, 'server');
  const w: EngineWorld = { sim, scenario, es, bulker, ledger: new CallLedger(sim), serverCtx, stopping: false, bulkerStopped: false, seenAgents: new Set(), requests, flushes, bulkerCtx, runExit: null };
  const daemon = (name: string) => ({ daemon: scenario.daemons.some((p) => name.startsWith(p)) });
  const spawn = (name: string, body: Parameters<Sim['spawn']>[1]) => sim.spawn(name, body, daemon(name));
  spawn('bulker.run', function* () {
    const err = yield* bulker.run(bulkerCtx);
    onRunExit(err?.message ?? 'nil');
    return err;
  });
  spawn('shutdown', () => shutdownSequence(w, cancelServer, cancelBulker));
  const wl = scenario.workload;
  for (let i = 0; i < wl.agents; i++) spawn(agentId(i), () => agentLoop(w, i));
  if (wl.backgroundMultiUpdateEveryS > 0) spawn('checkin-bulk', () => checkinBulkLoop(w));
  if (wl.enrollmentsPerS > 0) spawn('enroller', () => enrollmentSource(w));
  for (let i = 0; i < wl.backgroundCallers.count; i++) spawn(`bg-caller-${i}`, () => backgroundCaller(w, i));
  return w;
}

/** The documents that exist before the run: known agents and a few actions. */
function seedDocuments(es: FakeElasticsearch, s: Scenario): void {
  for (const index of ['.fleet-agents', '.fleet-actions', '.fleet-policies']) es.handle({ method: 'PUT', path: `/${index}`, query: {}, body: '' });
  const known = s.workload.agents - Math.round(s.workload.agents * s.workload.unknownAgents);
  const lines: string[] = [];
  for (let i = 0; i < known; i++) {
    lines.push(JSON.stringify({ index: { _index: '.fleet-agents', _id: agentId(i) } }));
    lines.push(JSON.stringify({ agent: { id: agentId(i) }, active: true }));
  }
  lines.push(JSON.stringify({ index: { _index: '.fleet-policies', _id: 'policy-0' } }));
  lines.push(JSON.stringify({ policy_id: 'policy-0', revision_idx: 1 }));
  for (let i = 0; i < 5; i++) {
    lines.push(JSON.stringify({ index: { _index: '.fleet-actions', _id: `action-${i}` } }));
    lines.push(JSON.stringify({ action_id: `action-${i}`, agents: [agentId(i)] }));
  }
  const r = es.handle({ method: 'POST', path: '/_bulk', query: { refresh: 'true' }, body: `${lines.join('\n')}\n` });
  if (r.status !== 200) throw new Error(`seeding the fake Elasticsearch failed: ${r.status} ${r.body.slice(0, 200)}`);
}
