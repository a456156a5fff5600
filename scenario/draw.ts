/**
 * Workload draws: every random choice of the workload is a labelled decision on the
 * workload stream, so it is recorded and replayed like a scheduling choice.
 */
import { label, sec, type Label, type Micros, type Sim } from '../sim/index.ts';

const PER_MILLE = 1000;

/** True with probability `p`: one two-outcome decision (none at all when p rounds to 0 or 1). */
export function chance(sim: Sim, p: number, l: Label): boolean {
  const k = Math.round(p * PER_MILLE);
  if (k <= 0) return false;
  if (k >= PER_MILLE) return true;
  return sim.decideWeighted([PER_MILLE - k, k], l) === 1;
}

/** How many distinct values a range draw offers (exhaustive search tries each). */
export const RANGE_STEPS = 16;

/**
 * A duration drawn uniformly from up to {@link RANGE_STEPS} evenly spaced values of
 * [min, max] seconds, in whole milliseconds (no decision when min = max).
 */
export function between(sim: Sim, r: { min: number; max: number }, l: Label): Micros {
  const minMs = Math.round(r.min * 1000);
  const maxMs = Math.round(r.max * 1000);
  if (maxMs <= minMs) return sec(r.min);
  const steps = Math.min(RANGE_STEPS, maxMs - minMs + 1);
  const i = sim.decide(steps, l);
  return Math.round(minMs + ((maxMs - minMs) * i) / (steps - 1)) * 1000;
}

/** Workload labels. */
export const WL = {
  start: label('wl.start', 'workload'),
  disconnect: label('wl.disconnect', 'workload'),
  disconnectAfter: label('wl.disconnect-after', 'workload'),
  actionSearch: label('wl.action-search', 'workload'),
  fleetSearch: label('wl.fleet-search', 'workload'),
  upgrade: label('wl.upgrade', 'workload'),
  apiKey: label('wl.api-key', 'workload'),
  apiKeyAuth: label('wl.api-key-auth', 'workload'),
  readAgent: label('wl.read-agent', 'workload'),
  pendingActions: label('wl.pending-actions', 'workload'),
  remotePrepare: label('wl.remote-prepare', 'workload'),
  remoteApiKey: label('wl.remote-api-key', 'workload'),
  longPoll: label('wl.long-poll', 'workload'),
  gap: label('wl.gap', 'workload'),
  quote: label('wl.quote-in-id', 'workload'),
  invalidJson: label('wl.invalid-json', 'workload'),
  enrollKey: label('wl.enroll-key', 'workload'),
  enrollGap: label('wl.enroll-gap', 'workload'),
} as const;
