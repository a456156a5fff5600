/**
 * Addressing for append-only logs kept in chunks that double in size: chunk k holds
 * `2^firstBits << k` entries, so appending never copies and entry i is found in O(1).
 */

/** The chunk holding entry `i`. */
export function chunkOf(i: number, firstBits: number): number {
  return 31 - Math.clz32((i >>> firstBits) + 1);
}

/** Where entry `i` sits in chunk `k`. */
export function offsetIn(i: number, k: number, firstBits: number): number {
  return i - (((1 << k) - 1) << firstBits);
}
