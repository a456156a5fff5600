/**
 * The simulated world of one run: the kernel, the fake Elasticsearch with its fault
 * profile, the bulker under test, the workload's tasks and the shutdown sequence.
 */
import { Bulker, ENGINE_DEFAULTS, SERVER_CONFIG_DEFAULTS, type BulkOptions, type Mutant, type VariantName } from '../engine/index.ts';
import { FakeElasticsearch } from '../elasticsearch/index.ts';
import { SimEsTransport } from '../elasticsearch/transport.ts';
import { background, ms, sec, Sim, withCancel, type Context, type Strategy } from '../sim/index.ts';
import { agentId, agentLoop } from './agent.ts';
import { backgroundCaller, checkinBulkLoop } from './background.ts';
import { enrollmentSource } from './enrollment.ts';
import { esProfile } from './es-profile.ts';
import { CallLedger } from './ledger.ts';
import type { Scenario } from './schema.ts';
import { shutdownSequence } from './shutdown.ts';
import { applySwarm } from './swarm.ts';

/** Everything the workload and the checkers need. */
export interface World {
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
}

/** How to build a world. */
export interface WorldSpec {
  readonly scenario: Scenario;
  readonly variant: VariantName;
  readonly strategy: Strategy;
  readonly swarm: boolean;
  /** Keep every trace event (for timelines); false keeps only the hash. */
  readonly keepTrace: boolean;
  /** Deliberately broken engine behaviour (checker tests only). */
  readonly mutants?: readonly Mutant[];
  /** Overrides the scenario's step budget when smaller. */
  readonly maxSteps?: number;
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

/** Builds the world and spawns its tasks; the caller runs `world.sim.run()`. */
export function buildWorld(spec: WorldSpec): World {
  const base = spec.scenario;
  const sim = new Sim({
    strategy: spec.strategy,
    until: endOfRun(base),
    maxSteps: Math.min(base.budgets.maxSteps, spec.maxSteps ?? Number.POSITIVE_INFINITY),
    maxTime: sec(base.budgets.maxVirtualS),
    timeSlip: base.timeSlip,
    keepTrace: spec.keepTrace,
  });
  const scenario = spec.swarm ? applySwarm(sim, base) : base;
  sim.timeSlip = scenario.timeSlip;
  const es = new FakeElasticsearch();
  seedDocuments(es, scenario);
  const transport = new SimEsTransport(sim, es, esProfile(sim, scenario.elasticsearch));
  const bulker = new Bulker(sim, transport, { variant: spec.variant, options: bulkOptions(scenario), mutants: spec.mutants ?? [] });
  const root = background(sim);
  const [bulkerCtx, cancelBulker] = withCancel(root, 'bulker');
  const [serverCtx, cancelServer] = withCancel(root, 'server');
  const w: World = { sim, scenario, es, bulker, ledger: new CallLedger(sim), serverCtx, stopping: false, bulkerStopped: false, seenAgents: new Set() };
  const daemon = (name: string) => ({ daemon: scenario.daemons.some((p) => name.startsWith(p)) });
  const spawn = (name: string, body: Parameters<Sim['spawn']>[1]) => sim.spawn(name, body, daemon(name));
  spawn('bulker.run', () => bulker.run(bulkerCtx));
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
