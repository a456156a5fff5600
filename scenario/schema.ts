/**
 * The scenario file format (a contract, DESIGN §6): JSON validated by this zod schema.
 * Unknown keys are rejected at every level; every field is documented here and in
 * the README. Durations are in seconds (fractions allowed) unless the name ends in Ms.
 */
import { z } from 'zod';

/**
 * The longest span any duration field may give, in seconds (one day). Every numeric field
 * has an upper bound the model represents exactly: virtual time is integer microseconds
 * in a double, so sums of these bounds stay far below 2^53.
 */
export const MAX_SPAN_S = 86_400;
/** The longest Elasticsearch latency, in milliseconds (ten minutes). */
export const MAX_LATENCY_MS = 600_000;

const seconds = z.number().finite().nonnegative().max(MAX_SPAN_S);
const probability = z.number().min(0).max(1);
const range = z
  .strictObject({ min: seconds, max: seconds })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max' });
const latencyRange = z
  .strictObject({ min: z.number().nonnegative().max(MAX_LATENCY_MS), max: z.number().nonnegative().max(MAX_LATENCY_MS) })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max' });

/** A [min, max] range of seconds; a value is drawn uniformly (in whole milliseconds) from the workload stream. */
export const SecondsRange = range;

/** Bulker options, on top of a preset (spec §1.5). */
export const BulkerSection = z.strictObject({
  /** `server-config` (fleet-server's configured defaults: 250 ms, 2048, 1 MiB, 8) or `engine` (the package defaults: 5 s, 32768, 10 MiB, 32). */
  preset: z.enum(['server-config', 'engine']).default('server-config'),
  /** Overrides of single options. */
  flushIntervalMs: z.number().min(1).max(600_000).optional(),
  flushThresholdCnt: z.number().int().positive().max(1_000_000).optional(),
  flushThresholdSz: z.number().int().positive().max(1 << 30).optional(),
  maxPending: z.number().int().positive().max(1024).optional(),
  blockQueueSz: z.number().int().nonnegative().max(100_000).optional(),
  maxPendingBulkDispatches: z.number().int().nonnegative().max(1_000_000).optional(),
  enrollFlushIntervalMs: z.number().min(1).max(600_000).optional(),
  enrollFlushThresholdCnt: z.number().int().positive().max(100_000).optional(),
});

/** A probability in whole per mille, as the fake Elasticsearch draws it. */
export const pm = (p: number): number => Math.round(p * 1000);

/** The per-mille sum of request-level faults, as the fake Elasticsearch's profile will hold them. */
export function requestFaultPerMille(
  e: { badGateway: number; connectionReset: number; hang: number; malformedBody: number; wrongItemCount: number; appliedThenReset: number; appliedThen504: number; itemWithoutOp: number },
  reject429: number,
): number {
  return pm(reject429) + pm(e.badGateway) + pm(e.connectionReset) + pm(e.hang) + pm(e.malformedBody) + pm(e.wrongItemCount) + pm(e.appliedThenReset) + pm(e.appliedThen504) + pm(e.itemWithoutOp);
}

/** Elasticsearch latency and faults. Probabilities are per request (or per item). */
export const ElasticsearchSection = z.strictObject({
  /** Per-request latency, drawn uniformly. */
  latencyMs: latencyRange.default({ min: 5, max: 5 }),
  /** Whole-request 429 es_rejected_execution_exception. */
  reject429: probability.default(0),
  /** 502/503 with a non-JSON (HTML) body. */
  badGateway: probability.default(0),
  /** Connection reset. */
  connectionReset: probability.default(0),
  /** The request hangs until the caller's context ends. */
  hang: probability.default(0),
  /** A malformed JSON body. */
  malformedBody: probability.default(0),
  /** A response with the wrong number of items. */
  wrongItemCount: probability.default(0),
  /** The request is applied, then the connection is reset: the client sees a reset (and may retry a write that landed). */
  appliedThenReset: probability.default(0),
  /** The request is applied, then a proxy answers 504 with an HTML page (retried by the client: the write may land twice). */
  appliedThen504: probability.default(0),
  /** A bulk response (the request applied) in which one item has no known op key, as a proxy or a broken node may send. */
  itemWithoutOp: probability.default(0),
  /** Per-item 409 / 429 / 5xx. */
  itemConflict: probability.default(0),
  itemRejected: probability.default(0),
  itemServerError: probability.default(0),
  /** Brownouts: windows during which latency is multiplied and rejections raised. */
  brownouts: z
    .array(
      z.strictObject({
        atS: seconds,
        forS: seconds,
        /** Latency during the window, drawn uniformly. */
        latencyMs: latencyRange,
        reject429: probability.default(0),
      }),
    )
    .max(100)
    .default([]),
})
  .refine((e) => requestFaultPerMille(e, e.reject429) <= 1000, {
    message: 'the request-level fault probabilities (reject429, badGateway, connectionReset, hang, malformedBody, wrongItemCount, appliedThenReset, appliedThen504, itemWithoutOp) must add up to at most 1',
  })
  .refine((e) => pm(e.itemConflict) + pm(e.itemRejected) + pm(e.itemServerError) <= 1000, { message: 'the item-level fault probabilities must add up to at most 1' })
  .refine((e) => e.brownouts.every((b) => requestFaultPerMille(e, Math.max(e.reject429, b.reject429)) <= 1000), {
    message: "a brownout's reject429 plus the other request-level faults must add up to at most 1",
  });

/** One agent checkin (spec §8.3). */
export const CheckinSection = z.strictObject({
  /** Chance that authAgent misses its API-key cache and calls APIKeyAuth (a direct call bounded by apikeyLimit, on the client's connections). */
  apiKeyAuth: probability.default(0),
  /**
   * Chance that authAgent reads the agent document (ReadRaw). fleet-server does on every
   * checkin (1); lower it only to keep a scenario small enough to explore completely.
   */
  readAgent: probability.default(1),
  /** Chance that the checkin fetches pending actions (a Search); 1 in fleet-server, lower only to keep a scenario small. */
  pendingActions: probability.default(1),
  /** Chance that the checkin resolves an ack token by a Search on .fleet-actions (search queue). */
  actionSearch: probability.default(0.2),
  /** Chance that pending actions are fetched with wait_for_checkpoints (fleetSearch queue) rather than a plain search. */
  fleetSearch: probability.default(0.9),
  /** Chance of an upgrade-details Update with refresh and retry_on_conflict 3. */
  upgradeUpdate: probability.default(0.05),
  /** Chance of an API-key update (only when the agent's output permissions changed, e.g. after a policy change). */
  apiKeyUpdate: probability.default(0),
  /** Long poll duration. */
  longPollS: range.default({ min: 5, max: 45 }),
  /** Chance that the agent disconnects during the checkin (its request context is cancelled). */
  disconnect: probability.default(0.1),
  /** When the disconnect happens, after the checkin starts. */
  disconnectAfterS: range.default({ min: 0, max: 5 }),
  /** Gap between two checkins of one agent. */
  gapS: range.default({ min: 0, max: 1 }),
});

/**
 * A remote Elasticsearch output in the agents' policy (`policy.Output.Prepare` calls
 * `CreateAndGetBulker` for it on each checkin that processes the policy), served by a
 * second fake Elasticsearch.
 */
export const RemoteOutputSection = z.strictObject({
  /** Chance that a checkin prepares the remote output (CreateAndGetBulker). */
  prepare: probability.default(0),
  /** Then the chance that the agent's API key for it is updated: APIKeyUpdate through the child bulker's queue. */
  apiKeyUpdate: probability.default(0.5),
  /** Virtual seconds at which the output's config changes (its service token is rotated). */
  changesAtS: z.array(seconds).max(100).default([]),
  /** From this virtual second on the output's config has no service token, so creating its client fails. */
  brokenFromS: seconds.nullable().default(null),
});

/** The workload: agents, background work, enrollment and bad input (spec §8). */
export const WorkloadSection = z.strictObject({
  /** Agents, each looping checkins until shutdown. */
  agents: z.number().int().nonnegative().max(100_000).default(10),
  /** Fraction of agents unknown to .fleet-agents (their read fails with not-found: spec V5). */
  unknownAgents: probability.default(0),
  /** Checkins per agent before it stops (0 = keep checking in until shutdown). */
  checkinsPerAgent: z.number().int().nonnegative().max(1_000_000).default(0),
  /** Agents start uniformly within this window. */
  startSpreadS: seconds.default(1),
  checkin: CheckinSection.default(CheckinSection.parse({})),
  /** checkin.Bulk: one MUpdate of all agents seen, every this many seconds (0 = off; else at least 1 ms, so virtual time advances). */
  backgroundMultiUpdateEveryS: seconds.refine((v) => v === 0 || v >= 0.001, { message: 'must be 0 (off) or at least 0.001 (1 ms)' }).default(10),
  /**
   * Enrollments per second (searches with a dedupe key, then a create/update with refresh).
   * At most 1000: gaps are drawn in whole milliseconds, so a higher rate would draw zero
   * gaps and spawn enrollments forever at one instant.
   */
  enrollmentsPerS: z.number().nonnegative().max(1000).default(0),
  /** Enrollments share dedupe keys drawn from this many ids (smaller means more duplicates). */
  enrollmentKeys: z.number().int().positive().max(1_000_000).default(10),
  /** Chance that a checkin sends an id with a quote / an invalid JSON body (spec V1). */
  quoteInId: probability.default(0),
  invalidJson: probability.default(0),
  /** Callers whose context is never cancelled (Background-derived), each doing one Search every `everyS`. */
  backgroundCallers: z.strictObject({ count: z.number().int().nonnegative().max(1000), everyS: z.number().min(0.001).max(MAX_SPAN_S) }).default({ count: 0, everyS: 5 }),
  remoteOutput: RemoteOutputSection.default(RemoteOutputSection.parse({})),
});

/** The Go runtime under the engine: how `sync.Pool` keeps freed blocks (`sync/pool.go`). */
export const GoRuntimeSection = z.strictObject({
  /** `go`: sync.Pool's per-P caches and victim cache; `lifo`: one LIFO stack (the model before issue #17). */
  syncPool: z.enum(['go', 'lifo']).default('go'),
  /** GOMAXPROCS for sync.Pool's per-P caches (1 until the scheduler models processors). */
  procs: z.number().int().min(1).max(256).default(1),
  /** Odds, per mille, that a garbage collection ran before a pool Get (it rotates the victim cache). */
  gcPerMille: z.number().int().min(0).max(1000).default(0),
  /** A race-detector build: sync.Pool's Put drops one object in four. */
  race: z.boolean().default(false),
});

/** The shutdown sequence: the HTTP server stops and drains, then the bulker's context is cancelled. */
export const ShutdownSection = z.strictObject({
  /** Server drain: in-flight requests may finish for this long; then their contexts are cancelled. */
  serverDrainS: seconds.default(10),
});

/** A scenario. */
export const ScenarioSchema = z.strictObject({
  /** Name (file name without .json for named scenarios). */
  name: z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  /** One line saying what it exercises. */
  description: z.string().max(500).default(''),
  /** Virtual seconds of load before the shutdown sequence begins. */
  durationS: z.number().positive().max(MAX_SPAN_S),
  /** Virtual seconds after the bulker's context is cancelled before tasks still alive count as stuck. */
  drainS: seconds.max(3_600).default(90),
  /** Which engine variant the scenario was written for is not part of it: variants are chosen per run. */
  bulker: BulkerSection.default(BulkerSection.parse({})),
  elasticsearch: ElasticsearchSection.default(ElasticsearchSection.parse({})),
  workload: WorkloadSection.default(WorkloadSection.parse({})),
  shutdown: ShutdownSection.default(ShutdownSection.parse({})),
  goRuntime: GoRuntimeSection.default(GoRuntimeSection.parse({})),
  /** Offer "fire the next timer now" as a scheduling decision (explores timeouts between any two steps). */
  timeSlip: z.boolean().default(false),
  /** Task name prefixes allowed to be blocked at the end (e.g. `bg-caller`): such tasks are daemons, never reported as stuck. Only tasks the workload spawns itself are matched. */
  daemons: z.array(z.string().min(1).max(200)).max(100).default([]),
  /** Budgets: reaching one is a reported outcome, never a hang. */
  budgets: z
    .strictObject({
      maxSteps: z.number().int().positive().max(1e9).default(20_000_000),
      maxVirtualS: z.number().positive().max(1e6).default(86_400),
      /** Heap budget of one run in MB (default: 80 % of the heap limit); `--max-heap-mb` overrides it. */
      maxHeapMb: z.number().int().min(16).max(1_000_000).optional(),
      /** Wall-clock budget of one run in seconds (default 600); `--max-wall` overrides it. */
      maxWallS: z.number().positive().max(86_400).optional(),
    })
    .default({ maxSteps: 20_000_000, maxVirtualS: 86_400 }),
});

/** A validated scenario. */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written in a file (defaults not yet applied). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
