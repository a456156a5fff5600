/**
 * The heap a run really holds. V8's `used_heap_size` counts garbage until a collection
 * runs, so after one large run the next one can start above any budget with almost
 * nothing live (a sweep's worker then stopped run after run at its first heap check).
 * Before a heap budget stops a run, a full collection is asked for, and the heap is
 * measured again. Outside determinism: collecting changes no run.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's full collection, exposed for this thread when this module loads (null when the host
 * refuses): never during a run, where making a context would trip the determinism guard.
 */
const collect: (() => void) | null = exposeCollector();

function exposeCollector(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

/** Bytes in use on this thread's heap after a full collection (as V8 counts them when it cannot collect). */
export function liveHeapBytes(): number {
  collect?.();
  return getHeapStatistics().used_heap_size;
}
