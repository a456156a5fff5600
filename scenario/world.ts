/**
 * The bulk engine's world in one run: the kernel, the fake Elasticsearch with its fault
 * profile, the bulker under test, the workload's tasks and the shutdown sequence.
 */
import { Bulker, ENGINE_DEFAULTS, EsClient, SERVER_CONFIG_DEFAULTS, type BulkOptions, type BulkT, type FlushFact, NO_HOOKS, type EngineHooks, type PoolPolicyFactory, VARIANTS, type VariantName } from '../engine/index.ts';
import { FakeElasticsearch } from '../elasticsearch/index.ts';
import { SimEsTransport } from '../elasticsearch/transport.ts';
import type { RunLimits } from '../harness/target.ts';
import { background, ms, sec, SyncPoolPolicy, withCancel, type Context, type Sim } from '../sim/index.ts';
import { agentId, agentLoop } from './agent.ts';
import { backgroundCaller, checkinBulkLoop } from './background.ts';
import { enrollmentSource } from './enrollment.ts';
import { esProfile } from './es-profile.ts';
import { CallLedger } from './ledger.ts';
import { RequestLog } from './request-log.ts';
import type { Scenario } from './schema.ts';
import { remoteTransports } from './remote-output.ts';
import { shutdownSequence } from './shutdown.ts';

/** Everything the workload and the checkers need. */
export interface EngineWorld {
  readonly sim: Sim;
  /** The scenario as run (after swarm choices). */
  readonly scenario: Scenario;
  readonly es: FakeElasticsearch;
  readonly bulker: Bulker;
  /** The bulker's ES client (retries, connection limit) over the simulated network. */
  readonly client: EsClient;
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
  /** Every checkin request, for studies over virtual time (plain data: recording it changes no trace). */
  readonly checkins: CheckinRecord[];
}

/** One checkin request's times (virtual µs). */
export interface CheckinRecord {
  readonly agent: number;
  readonly start: number;
  /** When its engine calls were done and the long poll began (null: it never got there). */
  setupEnd: number | null;
  /** When the handler returned (null: still running at the end). */
  end: number | null;
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

/** The block pool's storage for a scenario: Go's sync.Pool (one P until the scheduler models processors), or a LIFO stack. */
export function poolPolicy(s: Scenario): PoolPolicyFactory | undefined {
  const rt = s.goRuntime;
  if (rt.syncPool === 'lifo') return undefined;
  return (sim) => new SyncPoolPolicy<BulkT>(sim, { procs: rt.procs, gcPerMille: rt.gcPerMille, raceDrop: rt.race });
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
  const network = new SimEsTransport(sim, es, esProfile(sim, scenario.elasticsearch), requests);
  const client = new EsClient(sim, network, VARIANTS[variant].esClient, 'es-client', undefined, VARIANTS[variant].backoffLocked);
  const remote = scenario.workload.remoteOutput.prepare > 0 ? remoteTransports(sim, scenario, variant) : null;
  const root = background(sim);
  const [bulkerCtx, cancelBulker] = withCancel(root, 'bulker');
  const onRunExit = (error: string) => {
    w.runExit ??= { time: sim.now, step: sim.steps, error, ctxEnded: bulkerCtx.err() !== null };
  };
  const bulker = new Bulker(sim, client, {
    variant,
    options: bulkOptions(scenario),
    hooks,
    observer: { onFlush: (f) => flushes.push(f), onRunExit },
    poolPolicy: poolPolicy(scenario),
    ...(remote !== null && { remoteTransport: remote.factory }),
  });
  const [serverCtx, cancelServer] = withCancel(root, 'server');
  const ledger = new CallLedger(sim, { landedWritesMayBeRetried: landedThenFailed(scenario) });
  const w: EngineWorld = { sim, scenario, es, bulker, client, ledger, serverCtx, stopping: false, bulkerStopped: false, seenAgents: new Set(), checkins: [], requests, flushes, bulkerCtx, runExit: null };
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

/**
 * Whether Elasticsearch may apply a request and still answer it with a failure the client
 * retries (a reset, a proxy's 504): then a write can land on one attempt and its caller
 * still get an Elasticsearch error from a later one (a retried create answers 409).
 */
function landedThenFailed(s: Scenario): boolean {
  return s.elasticsearch.appliedThenReset > 0 || s.elasticsearch.appliedThen504 > 0;
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
