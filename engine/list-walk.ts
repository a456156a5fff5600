/**
 * Walking a queue's intrusive linked list safely. Go walks `for n := head; n != nil;
 * n = n.next` with no guard: if a use-after-free has linked a block into a list twice,
 * the list has a cycle and the flush spins forever, growing its request buffer until the
 * process is OOM-killed. The model turns that into a panic (a process crash) naming the
 * block, so the run ends and the `no-panic` property reports it.
 */
import { GoPanic } from '../sim/index.ts';
import type { Blk } from './block.ts';

/** Tracks the blocks one walk has visited. */
export class ListWalk {
  private readonly seen = new Set<number>();

  constructor(private readonly site: string) {}

  /** Call on every node; panics on the second visit of a block. */
  visit(h: Blk): void {
    const id = h.resource.id;
    if (this.seen.has(id)) {
      throw new GoPanic(`${this.site}: the queue's linked list has a cycle (block ${id} reached twice); Go would loop here forever, growing the request buffer until the process is OOM-killed`);
    }
    this.seen.add(id);
  }
}
