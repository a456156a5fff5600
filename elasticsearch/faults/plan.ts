/**
 * Planning one request from a fault profile: its latency and whole-request outcome, each
 * drawn as a labelled decision before anything runs.
 */
import type { EsRequest } from '../types.ts';
import { drawWeighted, type Choose } from './choose.ts';
import type { FaultProfile, Latency } from './profile.ts';

/** Whole-request outcome of a planned request. */
export type RequestOutcome =
  | { kind: 'ok' }
  | { kind: 'status429' }
  | { kind: 'status5xxHtml'; status: 502 | 503 }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'malformedBody' }
  | { kind: 'wrongItemCount' }
  | { kind: 'appliedThenReset' }
  | { kind: 'appliedThen504Html' }
  | { kind: 'itemWithoutOp' };

/** What will happen to one request: its latency and whole-request outcome. */
export interface RequestPlan {
  /** Virtual microseconds before the response (or reset) is delivered; irrelevant for a hang. */
  latencyUs: number;
  /** Whole-request outcome. */
  outcome: RequestOutcome;
  /** Item-fault probabilities to apply while executing (copied from the profile). */
  item: FaultProfile['item'];
}

/** Draws a latency with at most one decision (`es.latency`); fixed latency draws nothing. */
export function drawLatency(l: Latency, choose: Choose): number {
  switch (l.kind) {
    case 'fixed':
      return l.us;
    case 'uniform': {
      const width = l.maxUs - l.minUs + 1;
      return width === 1 ? l.minUs : l.minUs + choose(width, 'es.latency');
    }
    case 'buckets':
      return drawWeighted(l.buckets.map((b) => ({ weight: b.weight, value: b.us })), 'es.latency', choose);
  }
}

/** Whether a request is a multi-item API (bulk, mget, msearch) for the wrong-item-count fault. */
export function isMultiItem(req: EsRequest): boolean {
  return /(^|\/)(_bulk|_mget|_msearch|_fleet_msearch)$/.test(req.path.split('?')[0]!);
}

/** Whether a request is a `_bulk` (the item-without-op fault). */
export function isBulk(req: EsRequest): boolean {
  return /(^|\/)_bulk$/.test(req.path.split('?')[0]!);
}

/**
 * Plans a request: latency (label `es.latency`), then one decision for the whole-request outcome
 * (label `es.fault.request`), whose width is the smallest that keeps the per-mille odds; none when
 * every request fault is 0. `wrongItemCount` only applies to multi-item APIs, `itemWithoutOp` to bulk.
 */
export function planRequest(profile: FaultProfile, req: EsRequest, choose: Choose): RequestPlan {
  const latencyUs = drawLatency(profile.latency, choose);
  const f = profile.request;
  const wrong = isMultiItem(req) ? f.wrongItemCount : 0;
  const faults: { weight: number; value: RequestOutcome }[] = [
    { weight: f.rejected429, value: { kind: 'status429' } },
    { weight: f.badGateway502Html, value: { kind: 'status5xxHtml', status: 502 } },
    { weight: f.unavailable503Html, value: { kind: 'status5xxHtml', status: 503 } },
    { weight: f.reset, value: { kind: 'reset' } },
    { weight: f.hang, value: { kind: 'hang' } },
    { weight: f.malformedBody, value: { kind: 'malformedBody' } },
    { weight: wrong, value: { kind: 'wrongItemCount' } },
    { weight: f.appliedThenReset, value: { kind: 'appliedThenReset' } },
    { weight: f.appliedThen504Html, value: { kind: 'appliedThen504Html' } },
    { weight: isBulk(req) ? f.itemWithoutOp : 0, value: { kind: 'itemWithoutOp' } },
  ];
  const okWeight = 1000 - faults.reduce((s, o) => s + o.weight, 0);
  const outcome = faults.every((o) => o.weight === 0)
    ? ({ kind: 'ok' } as const)
    : drawWeighted([{ weight: okWeight, value: { kind: 'ok' } as RequestOutcome }, ...faults], 'es.fault.request', choose);
  return { latencyUs, outcome, item: profile.item };
}
