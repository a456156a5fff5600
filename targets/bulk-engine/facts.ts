/**
 * What the checkers look at after a run: the kernel's result, the pool's findings,
 * the call ledger and the final state of the fake Elasticsearch. Checkers are pure
 * functions of these facts.
 */
import type { FinishedRun } from '../../harness/target.ts';
import type { BulkOptions, FlushFact, VariantFlags } from '../../engine/index.ts';
import { Weighted, type Context, type GoError, type PoolViolation, type Resource, type RunResult, type SemHolding } from '../../sim/index.ts';
import type { AnswerDigest, CallIntent } from '../../scenario/call-intent.ts';
import type { Exchange } from '../../scenario/request-log.ts';
import type { ExitLog } from '../../engine/exit-log.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { EngineWorld } from '../../scenario/world.ts';

/** One engine call as the workload recorded it. */
export interface CallFact {
  readonly id: number;
  readonly op: string;
  readonly task: string;
  readonly start: number;
  readonly end: number | null;
  /** Trace positions at start and return. */
  readonly startSeq: number;
  readonly endSeq: number | null;
  readonly returns: number;
  readonly result: string | null;
  /** The error returned (compare by identity or class, never by text), or null. */
  readonly error: GoError | null;
  /** The call's context, when the workload recorded it. */
  readonly ctx: Context | null;
  /** What the call asked for, when the workload recorded it. */
  readonly intent: CallIntent | null;
  /** What a successful call returned, reduced. */
  readonly answer: AnswerDigest | null;
}

/** A counted resource (a semaphore) and the weight still held at the end. */
export interface CountedFact {
  readonly name: string;
  readonly size: number;
  readonly outstanding: readonly SemHolding[];
}

/** One write attempt. */
export interface WriteFact {
  readonly index: string;
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly acked: boolean;
  readonly call: number;
  readonly ackSeq: number;
  /** False when the write's error proves it was not applied. */
  readonly mayHaveLanded: boolean;
}

/** Facts of a finished run. */
export interface RunFacts {
  readonly result: RunResult;
  /** Pool findings including end-of-run leaks, of the bulker and its child bulkers. */
  readonly poolViolations: readonly PoolViolation[];
  /** Every block the pools made (the bulker's, then each child bulker's; ids repeat across pools). */
  readonly blocks: readonly Resource<unknown>[];
  /** Per block (by its index in {@link blocks}): the index of the pool it came from. */
  readonly blockPool: readonly number[];
  readonly calls: readonly CallFact[];
  readonly writes: readonly WriteFact[];
  /** How each call left the engine with its block. */
  readonly exits: ExitLog;
  /** The stored document, realtime. */
  readonly readDocument: (index: string, id: string) => { readonly source: unknown } | undefined;
  /** The scenario as run, the engine's options and the variant's switches. */
  readonly scenario: Scenario;
  readonly opts: BulkOptions;
  readonly flags: VariantFlags;
  /** Every request the engine sent and what came back. */
  readonly exchanges: readonly Exchange[];
  /** Every queue Run flushed or left at its exit, with the trigger. */
  readonly flushes: readonly FlushFact[];
  /** When Run returned (null: still running at the end). */
  readonly runExit: EngineWorld['runExit'];
  /** When the bulker's context was cancelled (undefined: never). */
  readonly bulkerStoppedAt: number | undefined;
  /** Every semaphore of the run with what is still held. */
  readonly counted: readonly CountedFact[];
  /** Virtual time the clock slipped (fired a timer early while tasks were runnable) within [from, to]. */
  readonly slippedWithin: (from: number, to: number) => number;
  /** Whether a task (by id) has ended. */
  readonly taskEnded: (id: number) => boolean;
}

const cache = new WeakMap<object, RunFacts>();

/** The facts of a finished run (computed once per run; ending the pool's accounting is idempotent). */
export function factsOf(run: FinishedRun<Scenario, EngineWorld>): RunFacts {
  let f = cache.get(run);
  if (f === undefined) {
    const w = run.world;
    // The bulker's pool and those of every child bulker it made for remote outputs (orphans included).
    const pools = w.bulker.allPools();
    f = {
      result: run.result,
      poolViolations: pools.flatMap((p) => p.finish()),
      blocks: pools.flatMap((p) => p.resources),
      blockPool: pools.flatMap((p, i) => p.resources.map(() => i)),
      calls: w.ledger.calls,
      writes: w.ledger.writes,
      exits: w.bulker.exits,
      readDocument: (index, id) => w.es.getDocument(index, id),
      scenario: w.scenario,
      opts: w.bulker.opts,
      flags: w.bulker.flags,
      exchanges: w.requests.exchanges,
      flushes: w.flushes,
      runExit: w.runExit,
      bulkerStoppedAt: w.bulkerCtx.doneAt,
      counted: Weighted.of(w.sim).map((s) => ({ name: s.name, size: s.size, outstanding: s.outstanding.slice() })),
      taskEnded: (id) => w.sim.taskEnded(id),
      slippedWithin: (from, to) => w.sim.slips.reduce((t, s) => t + Math.max(0, Math.min(s.to, to) - Math.max(s.from, from)), 0),
    };
    cache.set(run, f);
  }
  return f;
}
