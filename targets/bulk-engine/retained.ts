/**
 * What the bulk engine keeps reachable, as Go's GC would see it. A block that is neither
 * freed nor referenced is garbage (in Go the GC reclaims it: pool accounting, not
 * retention); a block is retained while
 *   - its caller is still inside the call (parked in dispatch, or waiting after it), or
 *   - the engine holds it: in `b.ch`, a Run queue or a flush (last transfer enqueue or
 *     flush), or abandoned by its drain but not yet answered.
 * Its bytes are its buffer's capacity (`BulkT.cap`), which a pooled block keeps for life.
 */
import type { Resource, ResourceEvent } from '../../sim/index.ts';
import { FREED } from '../../sim/index.ts';
import type { BulkT } from '../../engine/block.ts';
import type { Retained } from '../../harness/target.ts';
import type { EngineWorld } from '../../scenario/world.ts';

/** Blocks the engine or a parked caller still references, and their buffers' capacity. */
export function retainedBlocks(w: EngineWorld): Retained {
  let objects = 0;
  let bytes = 0;
  for (const b of w.bulker.pool.resources) {
    if (!b.pooled || b.state === FREED || !held(w, b)) continue;
    objects++;
    bytes += b.data.cap;
  }
  return { objects, bytes };
}

function held(w: EngineWorld, b: Resource<BulkT>): boolean {
  const h = b.history;
  const last = h[h.length - 1];
  if (last === undefined) return false;
  if (last.event === 'enqueue' || last.event === 'flush' || last.event === 'abandon') return true;
  // Acquired or answered: the caller holds it while its call is open.
  let acquire: ResourceEvent | undefined;
  for (let i = h.length - 1; i >= 0 && acquire === undefined; i--) if ((h[i] as ResourceEvent).event === 'acquire') acquire = h[i];
  if (acquire === undefined) return false;
  const call = w.ledger.open.get(acquire.task);
  return call !== undefined && call.startSeq <= acquire.seq;
}
