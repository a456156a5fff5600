/**
 * What a run did with remote-output child bulkers, counted after it: children whose Run
 * was never cancelled (orphans of concurrent first use), cancelled children whose Run
 * goroutine never handed its result to the watcher (blocked on the unbuffered `errCh`),
 * and blocks acquired from a child after its context was cancelled (operations handed to
 * a bulker that is shutting down or gone, which its flushes may never take).
 */
import type { EngineWorld } from './world.ts';

/** The three counts. */
export interface ChildFindings {
  readonly orphans: number;
  readonly errChLeaks: number;
  readonly deadChildOps: number;
}

/** The counts of one finished run. */
export function childFindings(w: EngineWorld): ChildFindings {
  const all = w.bulker.children.all;
  let deadChildOps = 0;
  for (const c of all) {
    const at = c.cancelledSeq;
    if (at === undefined) continue;
    for (const r of c.bulker.pool.resources) deadChildOps += r.history.filter((e) => e.event === 'acquire' && e.seq >= at).length;
  }
  return {
    orphans: all.filter((c) => c.runErr === undefined).length,
    errChLeaks: all.filter((c) => c.runErr !== undefined && c.reported !== true).length,
    deadChildOps,
  };
}
