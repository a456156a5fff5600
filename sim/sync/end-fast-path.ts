/**
 * The end of a blocking operation's fast path. An operation that parks when it cannot
 * proceed (Lock, RLock, WaitGroup.Wait, Once.Do, Weighted.Acquire) ends its step there,
 * and the caller's next code runs in a later step, after the wake. When it can proceed at
 * once it must end its step too: otherwise the caller's code up to its next scheduling
 * point joins the operation's step only when the operation did not wait, so which code a
 * task's step holds depends on the state it met, and partial-order reduction, which
 * assumes a task's next step is the same whatever other tasks did, misses interleavings
 * (a lock taken uncontended, then a store another task reads: the store could never be
 * reordered against that read). Go may preempt a goroutine right after an uncontended
 * Lock, so the point is also one Go has.
 */
import type { Proc } from '../effects.ts';
import { gosched } from '../ops.ts';

/** The label of that yield: one constant (nothing reads a yield's label; building one per uncontended lock would cost a string on the hot path). */
const FAST_PATH = 'fast path';

/** Ends the step of an operation that completed without waiting (a yield, as `gosched`). */
export function endFastPath(): Proc<void> {
  return gosched(FAST_PATH);
}
