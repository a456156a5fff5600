/**
 * Smaller scenarios for the shrinker, most promising first: fewer agents and callers, a
 * shorter run, then each fault rate, bad-input rate and optional kind of call set to
 * zero. The shrinker keeps one only if the same bug still shows in fewer steps; a kept
 * scenario is renamed `<name>-shrunk` so reports do not pass it off as the shipped one.
 */
import type { Scenario } from '../../scenario/schema.ts';

const ES_FAULTS = ['reject429', 'badGateway', 'connectionReset', 'hang', 'malformedBody', 'wrongItemCount', 'itemConflict', 'itemRejected', 'itemServerError'] as const;
const CHECKIN_KINDS = ['actionSearch', 'upgradeUpdate', 'apiKeyUpdate', 'disconnect'] as const;
const BAD_INPUT = ['unknownAgents', 'quoteInId', 'invalidJson'] as const;

/** Candidate scenarios smaller than `s` in one respect each. */
export function shrinkScenario(s: Scenario): Scenario[] {
  const name = s.name.endsWith('-shrunk') ? s.name : `${s.name.slice(0, 93)}-shrunk`;
  const out: Scenario[] = [];
  const w = s.workload;
  const es = s.elasticsearch;
  const push = (over: Partial<Scenario>) => out.push({ ...s, ...over, name });
  const workload = (over: Partial<Scenario['workload']>) => push({ workload: { ...w, ...over } });
  if (w.agents > 1) workload({ agents: Math.max(1, w.agents >> 1) });
  if (w.backgroundCallers.count > 0) workload({ backgroundCallers: { ...w.backgroundCallers, count: w.backgroundCallers.count >> 1 } });
  if (s.durationS > 1) push({ durationS: Math.max(1, Math.floor(s.durationS / 2)) });
  if (w.checkinsPerAgent !== 1) workload({ checkinsPerAgent: w.checkinsPerAgent === 0 ? 1 : Math.max(1, w.checkinsPerAgent >> 1) });
  if (w.enrollmentsPerS > 0) workload({ enrollmentsPerS: 0 });
  if (w.backgroundMultiUpdateEveryS > 0) workload({ backgroundMultiUpdateEveryS: 0 });
  if (es.brownouts.length > 0) push({ elasticsearch: { ...es, brownouts: [] } });
  for (const f of ES_FAULTS) if (es[f] > 0) push({ elasticsearch: { ...es, [f]: 0 } });
  for (const k of BAD_INPUT) if (w[k] > 0) workload({ [k]: 0 });
  for (const k of CHECKIN_KINDS) if (w.checkin[k] > 0) workload({ checkin: { ...w.checkin, [k]: 0 } });
  if (es.latencyMs.max > es.latencyMs.min) push({ elasticsearch: { ...es, latencyMs: { min: es.latencyMs.min, max: es.latencyMs.min } } });
  if (w.agents > 1) workload({ agents: w.agents - 1 });
  if (s.drainS > 1) push({ drainS: Math.max(1, Math.floor(s.drainS / 2)) });
  if (s.shutdown.serverDrainS > 0) push({ shutdown: { ...s.shutdown, serverDrainS: Math.floor(s.shutdown.serverDrainS / 2) } });
  return out;
}
