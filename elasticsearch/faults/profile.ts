/**
 * Fault profiles (zod schemas): the latency distribution and the per-mille odds of each
 * whole-request and item fault; `HEALTHY_PROFILE` has none.
 */
import { z } from 'zod';

const perMille = z.number().int().min(0).max(1000);
const us = z.number().int().min(0);

/** Latency distribution in virtual microseconds. */
export const LatencySchema = z.discriminatedUnion('kind', [
  /** Always `us` (costs no decision). */
  z.strictObject({ kind: z.literal('fixed'), us }),
  /** Uniform integer in [minUs, maxUs] (one decision of width maxUs-minUs+1). */
  z.strictObject({ kind: z.literal('uniform'), minUs: us, maxUs: us }).refine((l) => l.maxUs >= l.minUs, { message: 'maxUs must be >= minUs' }),
  /** Weighted buckets: picks one `us` with probability weight/sum (one decision, width = sum/gcd). */
  z.strictObject({
    kind: z.literal('buckets'),
    buckets: z.array(z.strictObject({ weight: z.number().int().min(1), us })).min(1),
  }),
]);
/** Parsed latency distribution. */
export type Latency = z.infer<typeof LatencySchema>;

/** Whole-request fault probabilities (per mille). Their sum must be ≤ 1000; the rest is "ok". */
export const RequestFaultsSchema = z.strictObject({
  /** 429 `es_rejected_execution_exception` (coordinating indexing pressure body). */
  rejected429: perMille.default(0),
  /** 502 Bad Gateway with an HTML body (a proxy in front of ES). */
  badGateway502Html: perMille.default(0),
  /** 503 Service Unavailable with an HTML body. */
  unavailable503Html: perMille.default(0),
  /** Connection reset: no response at all. */
  reset: perMille.default(0),
  /** The request hangs until the caller's context ends. */
  hang: perMille.default(0),
  /** 200 with a truncated, unparseable JSON body (the request DID run). */
  malformedBody: perMille.default(0),
  /** 200 with one item too few (bulk/mget/msearch only; the request DID run). */
  wrongItemCount: perMille.default(0),
  /** The request DID run, then the connection was reset before the response arrived. */
  appliedThenReset: perMille.default(0),
  /** The request DID run, then a proxy answered 504 with an HTML page (it gave up waiting for Elasticsearch). */
  appliedThen504Html: perMille.default(0),
  /** Bulk only: 200, the request DID run, but one item has no known op key (a proxy or a broken node altered the body). */
  itemWithoutOp: perMille.default(0),
});

/** Per-item fault probabilities (per mille), drawn once per bulk/msearch item. Sum ≤ 1000. */
export const ItemFaultsSchema = z.strictObject({
  /** Bulk item 409 `version_conflict_engine_exception` (ignored for msearch items). */
  conflict409: perMille.default(0),
  /** Item 429 `es_rejected_execution_exception`. */
  rejected429: perMille.default(0),
  /** Item 503 (bulk: `unavailable_shards_exception`; msearch: `search_phase_execution_exception`). */
  unavailable503: perMille.default(0),
});

const sumOk = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0) <= 1000;

/** The fault profile of the fake Elasticsearch. Unknown keys are rejected. */
export const FaultProfileSchema = z.strictObject({
  /** Response latency. Default: fixed 1000 µs. */
  latency: LatencySchema.default({ kind: 'fixed', us: 1000 }),
  /** Whole-request faults. Default: none. */
  request: RequestFaultsSchema.refine(sumOk, { message: 'request fault per-mille values must sum to at most 1000' }).default({
    rejected429: 0, badGateway502Html: 0, unavailable503Html: 0, reset: 0, hang: 0, malformedBody: 0, wrongItemCount: 0, appliedThenReset: 0, appliedThen504Html: 0, itemWithoutOp: 0,
  }),
  /** Item faults. Default: none. */
  item: ItemFaultsSchema.refine(sumOk, { message: 'item fault per-mille values must sum to at most 1000' }).default({
    conflict409: 0, rejected429: 0, unavailable503: 0,
  }),
});
/** A parsed fault profile. */
export type FaultProfile = z.infer<typeof FaultProfileSchema>;
/** A fault profile as written in a scenario (defaults may be omitted). */
export type FaultProfileInput = z.input<typeof FaultProfileSchema>;

/** A healthy cluster: fixed 1 ms latency, no faults (costs no decisions). */
export const HEALTHY_PROFILE: FaultProfile = FaultProfileSchema.parse({});
