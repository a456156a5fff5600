/**
 * Time-weighted means of gauges over bins of virtual time: a gauge is a list of intervals
 * during which one thing was present (a parked dispatcher, a live drain task); its value
 * in a bin is the mean number present over the bin.
 */

/** One thing present from `start` (inclusive) to `end` (exclusive), virtual µs. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Mean count present in each of `bins` bins of `width` µs from 0. */
export function binnedMean(intervals: readonly Interval[], width: number, bins: number): number[] {
  const sum = new Float64Array(bins);
  for (const { start, end } of intervals) {
    if (!(end > start)) continue;
    const first = Math.max(0, Math.floor(start / width));
    const last = Math.min(bins - 1, Math.floor((end - 1) / width));
    for (let b = first; b <= last; b++) sum[b] = (sum[b] as number) + (Math.min(end, (b + 1) * width) - Math.max(start, b * width));
  }
  return Array.from(sum, (s) => s / width);
}

/** Number of instants (events) falling in each bin. */
export function binnedCount(times: readonly number[], width: number, bins: number): number[] {
  const out = new Array<number>(bins).fill(0);
  for (const t of times) {
    const b = Math.floor(t / width);
    if (b >= 0 && b < bins) out[b] = (out[b] as number) + 1;
  }
  return out;
}
