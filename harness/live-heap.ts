/**
 * The heap a run really holds. V8's `used_heap_size` counts garbage until a collection
 * runs, so after one large run the next one can start above any budget with almost
 * nothing live (a sweep's worker then stopped run after run at its first heap check).
 * Before a heap budget stops a run, a full collection is asked for, and the heap is
 * measured again. Outside determinism: collecting changes no run.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** V8's full collection, exposed once for this thread (null when the host refuses). */
function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * Bytes in use on this thread's heap; above `limit`, and when `mayCollect`, measured again
 * after a full collection. A watchdog collects once per run: a run that stays near its
 * budget would otherwise pay a full collection at every check.
 */
export function liveHeapBytes(limit: number, mayCollect = true): number {
  const used = getHeapStatistics().used_heap_size;
  if (used <= limit || !mayCollect) return used;
  const gc = collector();
  if (gc === null) return used;
  gc();
  return getHeapStatistics().used_heap_size;
}
