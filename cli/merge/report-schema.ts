/**
 * The parts of a `dst run --json` report that `dst merge` reads, as a zod schema: a shard
 * report is untrusted input like any other file (checked field by field, unknown keys
 * ignored, every number bounded).
 */
import { z } from 'zod';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const name = z.string().min(1).max(10_000);
const text = z.string().max(1_000_000);
const seed = z.number().int().min(0).max(2 ** 31 - 1);

const retained = z.object({
  noun: name,
  peakRetained: count,
  peakRetainedBytes: count,
  finalRetained: count,
  finalRetainedBytes: count,
  peakParkedTasks: count,
  finalParkedTasks: count,
  peakBufferedValues: count,
  samples: count,
});

const schedule = z.object({ preemptions: count, wakeeFirst: count });

const failure = z.object({
  seed: seed.nullable(),
  scenario: name,
  scenarioRef: name.optional(),
  variant: name,
  property: name.nullable(),
  message: text.nullable(),
  traceHash: name,
  replay: text,
  outcome: name,
  violationCounts: z.record(name, count),
  violations: z.array(z.object({ property: name, message: text, signature: text.optional(), step: count.optional() })),
  strategy: name,
  steps: count,
  decisions: count,
  signatures: z.record(text, count),
  schedule: schedule.optional(),
  switches: z
    .object({
      draws: z.array(z.object({ label: name, width: count, choice: count })),
      changed: z.array(z.object({ path: text, from: z.unknown(), to: z.unknown() })),
    })
    .optional(),
});

const limit = z.object({ scenario: name, scenarioRef: name.optional(), seed: seed.nullable(), variant: name, limit: text, steps: count, replay: text });

const run = retained.extend({ scenario: name, scenarioRef: name.optional(), variant: name, seed: seed.nullable() });

const bug = z.object({
  signature: text,
  smallest: z.object({ scenario: name, variant: name, seed: seed.nullable() }),
  needs: z.object({ needsPreemption: z.boolean(), needsWakeeFirst: z.boolean() }).optional(),
  go: z.unknown().optional(),
});

/** A shard's `dst run --json` report, as merge reads it. */
export const ShardReport = z.object({
  passed: z.boolean(),
  runs: count,
  failed: count,
  target: name,
  variant: name,
  variants: z.array(name).optional(),
  strategy: z.enum(['random', 'pct', 'go']),
  gomaxprocs: count.optional(),
  scenarios: z.array(name).min(1),
  seeds: z.string().regex(/^\d+\.\.\d+$/),
  shard: z.string().regex(/^\d+\/\d+$/).optional(),
  random: z.object({ start: seed, count }).optional(),
  budget: z.object({ seconds: z.number().min(0), seeds: count, stopped: z.boolean(), rerun: text.optional() }).optional(),
  bail: z.object({ stopped: z.boolean() }).optional(),
  swarm: z.literal(true).optional(),
  races: z.literal(false).optional(),
  saved: z.array(text),
  skipped: z.array(z.object({ signature: text, file: text })).optional(),
  reruns: count.optional(),
  rerunHost: text.optional(),
  saveError: text.optional(),
  bugs: z.array(bug),
  retention: z.object({ runs: z.array(run) }),
  properties: z.array(z.object({ name, severity: name })).min(1),
  failures: z.array(failure),
  limits: z.array(limit).optional(),
  traceHash: name.optional(),
  timing: z.object({ wallMs: z.array(z.number().min(0)), runMs: z.array(z.number().min(0)) }).optional(),
});

/** A shard report. */
export type ShardReport = z.infer<typeof ShardReport>;
