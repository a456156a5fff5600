/**
 * Timing helpers for the benchmark: warm up, repeat, take the median. This is the only
 * place the benchmark reads the host clock.
 */

/** One timed workload: runs once and returns how many steps (task resumes or hand-offs) it made. */
export type Workload = () => number;

/** Steps per second of `w`: `warmup` discarded runs, then the median of `reps` timed runs. */
export function stepsPerSecond(w: Workload, warmup = 2, reps = 5): number {
  for (let i = 0; i < warmup; i++) w();
  const rates: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now(); // determinism-ok: bench timing
    const steps = w();
    const t1 = performance.now(); // determinism-ok: bench timing
    rates.push(steps / ((t1 - t0) / 1000));
  }
  return median(rates);
}

/** Async variant of {@link stepsPerSecond} for promise-based workloads. */
export async function stepsPerSecondAsync(w: () => Promise<number>, warmup = 1, reps = 5): Promise<number> {
  for (let i = 0; i < warmup; i++) await w();
  const rates: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now(); // determinism-ok: bench timing
    const steps = await w();
    const t1 = performance.now(); // determinism-ok: bench timing
    rates.push(steps / ((t1 - t0) / 1000));
  }
  return median(rates);
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
