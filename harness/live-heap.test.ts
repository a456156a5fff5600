/**
 * A heap budget is judged on live data: garbage a previous run left is collected before
 * the budget stops a run.
 */
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { liveHeapBytes } from './live-heap.ts';

describe('liveHeapBytes', () => {
  it('under the limit, the heap as V8 counts it; over it, what is left after a full collection', () => {
    let garbage: number[][] | null = [];
    for (let i = 0; i < 200; i++) garbage.push(new Array<number>(100_000).fill(i));
    garbage = null;
    const counted = getHeapStatistics().used_heap_size;
    expect(liveHeapBytes(Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(counted - 1024 * 1024);
    // About 160 MB of arrays were dropped: over a limit of 1 byte, the collection frees them.
    expect(liveHeapBytes(1)).toBeLessThan(counted - 100 * 1024 * 1024);
  });
});
