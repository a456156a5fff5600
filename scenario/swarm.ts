/**
 * Swarm testing (Groce et al., ISSTA 2012): per seed, switch fault kinds and option
 * values on or off, so that each run stresses a different mix. Every switch is a
 * pre-run decision on the workload stream (labels `swarm.*`), so it is recorded and replayed.
 */
import type { ConfigDraw } from '../harness/target.ts';
import { pm, type Scenario } from './schema.ts';

const REQUEST_FAULTS = ['reject429', 'badGateway', 'connectionReset', 'hang', 'malformedBody', 'wrongItemCount', 'appliedThenReset', 'appliedThen504', 'itemWithoutOp'] as const;
const FAULTS = [...REQUEST_FAULTS, 'itemConflict', 'itemRejected', 'itemServerError'] as const;

/** A scenario with this run's swarm choices applied. */
export function applySwarm(draw: ConfigDraw, s: Scenario): Scenario {
  const es = { ...s.elasticsearch };
  for (const f of FAULTS) {
    // Each fault kind: off, as written, or at 2% (if written as 0).
    const c = draw.decide(3, `swarm.fault.${f}`);
    es[f] = c === 0 ? 0 : c === 1 ? es[f] : Math.max(es[f], 0.02);
  }
  fitBudget(es, REQUEST_FAULTS);
  fitBudget(es, ['itemConflict', 'itemRejected', 'itemServerError']);
  const b = { ...s.bulker };
  const pick = <T>(name: string, values: readonly T[]): T => values[draw.decide(values.length, `swarm.opt.${name}`)] as T;
  b.flushIntervalMs = pick('flushIntervalMs', [b.flushIntervalMs ?? 250, 50, 1000, 5000]);
  b.maxPending = pick('maxPending', [b.maxPending ?? 8, 1, 2, 32]);
  b.blockQueueSz = pick('blockQueueSz', [b.blockQueueSz ?? 32, 1, 4]);
  b.maxPendingBulkDispatches = pick('maxPendingBulkDispatches', [b.maxPendingBulkDispatches ?? 0, 16, 64]);
  b.flushThresholdCnt = pick('flushThresholdCnt', [b.flushThresholdCnt ?? 2048, 4, 32]);
  const wl = { ...s.workload, checkin: { ...s.workload.checkin } };
  wl.checkin.disconnect = pick('disconnect', [wl.checkin.disconnect, 0, 0.5]);
  return { ...s, elasticsearch: es, bulker: b, workload: wl, timeSlip: s.timeSlip || draw.decide(4, 'swarm.time-slip') === 0 };
}

/** Scales a group of fault probabilities down (in whole per mille) until they add up to at most 1. */
function fitBudget(es: Record<(typeof FAULTS)[number], number>, keys: readonly (typeof FAULTS)[number][]): void {
  const total = keys.reduce((sum, k) => sum + pm(es[k]), 0);
  if (total <= 950) return;
  for (const k of keys) es[k] = Math.floor((pm(es[k]) * 950) / total) / 1000;
}
