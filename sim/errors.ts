/**
 * Go's error and panic values as seen by simulated code.
 */

/** A Go `error` value with a stable identity, compared with `===` like Go's sentinel errors. */
export class GoError extends Error {
  override readonly name = 'GoError';
}

/**
 * A Go error that wraps another (`fmt.Errorf("...: %w", err)`, a `*net.OpError` around a
 * `syscall.Errno`), so {@link errorsIs} sees the wrapped value through it.
 */
export class WrappingError extends GoError {
  constructor(
    message: string,
    /** What `Unwrap()` returns. */
    readonly wrapped: GoError,
  ) {
    super(message);
  }
}

/** `errors.Is(err, target)`: `err` is `target`, or wraps it at any depth. */
export function errorsIs(err: GoError | null, target: GoError): boolean {
  for (let e: GoError | null = err; e !== null; e = e instanceof WrappingError ? e.wrapped : null) if (e === target) return true;
  return false;
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
