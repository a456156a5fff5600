/**
 * Go's error and panic values as seen by simulated code.
 */

/** A Go `error` value with a stable identity, compared with `===` like Go's sentinel errors. */
export class GoError extends Error {
  override readonly name = 'GoError';
}

/** `context.Canceled`. */
export const Canceled = new GoError('context canceled');
/** `context.DeadlineExceeded`. */
export const DeadlineExceeded = new GoError('context deadline exceeded');

/**
 * A Go panic. Thrown into (or by) a task; if the task does not recover it
 * (a surrounding try/catch), the run fails with outcome `panic`.
 */
export class GoPanic extends Error {
  override readonly name = 'GoPanic';
}

/**
 * Raised by the kernel to end a run from inside task code (replay divergence,
 * nondeterminism leak, kernel assertion). Task code must not swallow it; the kernel
 * remembers the abort, so even a swallowed one still ends the run.
 */
export class RunAbort extends Error {
  override readonly name = 'RunAbort';
}
