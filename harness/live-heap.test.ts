/**
 * A heap budget is judged on live data: garbage a previous run left is collected before
 * the budget stops a run.
 */
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { liveHeapBytes } from './live-heap.ts';

describe('liveHeapBytes', () => {
  it('is what is left after a full collection: garbage an earlier run dropped does not count', () => {
    let garbage: number[][] | null = [];
    for (let i = 0; i < 200; i++) garbage.push(new Array<number>(100_000).fill(i));
    garbage = null;
    const counted = getHeapStatistics().used_heap_size;
    // About 160 MB of arrays were dropped: the collection frees them.
    expect(liveHeapBytes()).toBeLessThan(counted - 100 * 1024 * 1024);
  });
});
