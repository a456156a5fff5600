/**
 * Deliberately broken engines, for proving that every property can fail (a checker
 * that cannot fail is a defect). Each mutant is one named switch read at one place;
 * none is reachable from the CLI, scenarios or repro files.
 */

/** The mutants. */
export type Mutant =
  /** The caller frees its block twice after a successful response (`double-free`). */
  | 'double-free'
  /** A flush sends each response twice at once; the second finds the channel full (`no-panic`). */
  | 'answer-twice'
  /** A flush sends each response again after the caller took the first: a stale response poisons the block (`one-outcome-per-call`). */
  | 'late-second-answer'
  /** flushBulk acknowledges every item without sending the request (`durable-acks`). */
  | 'ack-without-write'
  /** The caller reads its block's buffer after freeing it (`use-after-free`). */
  | 'read-after-free'
  /** The Run loop never returns after its context ends (`no-stuck-tasks`). */
  | 'run-ignores-cancel'
  /** The engine draws real randomness (`determinism`, through the nondeterminism guard). */
  | 'math-random'
  /** The engine keeps state across runs in a module global, so the same case hashes differently twice (`determinism`). */
  | 'hidden-global';

/** Every mutant. */
export const MUTANTS: readonly Mutant[] = ['double-free', 'answer-twice', 'late-second-answer', 'ack-without-write', 'read-after-free', 'run-ignores-cancel', 'math-random', 'hidden-global'];

let hiddenCounter = 0;

/** For `hidden-global`: a value that differs on every call, across runs. */
export function hiddenGlobal(): number {
  return hiddenCounter++;
}
