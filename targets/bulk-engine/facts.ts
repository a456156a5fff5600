/**
 * What the checkers look at after a run: the kernel's result, the pool's findings,
 * the call ledger and the final state of the fake Elasticsearch. Checkers are pure
 * functions of these facts.
 */
import type { FinishedRun } from '../../harness/target.ts';
import type { ExitLog } from '../../engine/exit-log.ts';
import type { GoError, PoolViolation, Resource, RunResult } from '../../sim/index.ts';
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
  /** The error value it returned (compared by identity), or null. */
  readonly error: GoError | null;
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
  /** Every block the pool made. */
  readonly blocks: readonly Resource<unknown>[];
  readonly calls: readonly CallFact[];
  readonly writes: readonly WriteFact[];
  /** How each call left the engine with its block. */
  readonly exits: ExitLog;
  /** The stored document, realtime. */
  readonly readDocument: (index: string, id: string) => { readonly source: unknown } | undefined;
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
      calls: w.ledger.calls,
      writes: w.ledger.writes,
      exits: w.bulker.exits,
      readDocument: (index, id) => w.es.getDocument(index, id),
    };
    cache.set(run, f);
  }
  return f;
}
