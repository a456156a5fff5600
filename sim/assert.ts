/**
 * Kernel assertions. A kernel bug must fail loudly instead of skewing a result
 * (TigerBeetle's habit): every state transition that must never happen is guarded.
 */

/** Thrown when a kernel invariant is broken. It is never a finding about the system under test. */
export class KernelAssertionError extends Error {
  override readonly name = 'KernelAssertionError';
}

/**
 * Fails with a {@link KernelAssertionError} when `condition` is false.
 * @param condition - what must hold.
 * @param message - what broke, phrased as the broken invariant.
 */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new KernelAssertionError(message);
}

/**
 * Fails with a {@link KernelAssertionError}. Hot paths write `if (broken) fail(msg)` so the
 * message (often a template string) is built only when the invariant is actually broken.
 * @param message - what broke, phrased as the broken invariant.
 */
export function fail(message: string): never {
  throw new KernelAssertionError(message);
}
