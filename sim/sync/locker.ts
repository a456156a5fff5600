/**
 * Go's `sync.Locker`: anything with Lock and Unlock. `sync.Cond` waits on one; `Mutex`,
 * `RWMutex` and `RWMutex.rLocker()` are Lockers.
 */
import type { Proc } from '../effects.ts';

/** Go's `sync.Locker`. Both operations are scheduling points. */
export interface Locker {
  /** `Lock()`. */
  lock(): Proc<void>;
  /** `Unlock()`. */
  unlock(): Proc<void>;
}
