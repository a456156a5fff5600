/**
 * Workload draws: every random choice of the workload is a labelled decision on the
 * workload stream, so it is recorded and replayed like a scheduling choice.
 */
import { label, sec, type Label, type Micros, type Sim } from '../sim/index.ts';

const PER_MILLE = 1000;

/** True with probability `p`, decided as `name` (no decision at all when p is 0 or 1). */
export function chance(sim: Sim, p: number, l: Label): boolean {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return sim.decide(PER_MILLE, l) < Math.round(p * PER_MILLE);
}

/** A duration drawn uniformly from [min, max] seconds in whole milliseconds (no decision when min = max). */
export function between(sim: Sim, r: { min: number; max: number }, l: Label): Micros {
  const minMs = Math.round(r.min * 1000);
  const maxMs = Math.round(r.max * 1000);
  if (maxMs <= minMs) return sec(r.min);
  return (minMs + sim.decide(maxMs - minMs + 1, l)) * 1000;
}

/** Workload labels. */
export const WL = {
  start: label('wl.start'),
  disconnect: label('wl.disconnect'),
  disconnectAfter: label('wl.disconnect-after'),
  actionSearch: label('wl.action-search'),
  fleetSearch: label('wl.fleet-search'),
  upgrade: label('wl.upgrade'),
  apiKey: label('wl.api-key'),
  longPoll: label('wl.long-poll'),
  gap: label('wl.gap'),
  quote: label('wl.quote-in-id'),
  invalidJson: label('wl.invalid-json'),
  enrollKey: label('wl.enroll-key'),
  enrollGap: label('wl.enroll-gap'),
} as const;
