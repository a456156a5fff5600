/**
 * `--workers auto` picks every core only for sweeps large enough to pay for the threads,
 * and not when the cores are busy with other work; a number is taken as given (capped).
 */
import { describe, expect, it } from 'vitest';
import { AUTO_MIN_RUNS, AUTO_RUNS_PER_WORKER, parseWorkers, workersFor } from './count.ts';

describe('--workers', () => {
  const auto = parseWorkers(undefined, 2);
  it('auto: one thread for a small sweep, every core for a large one or a budget', () => {
    expect(workersFor(auto, AUTO_MIN_RUNS - 1, 2, 0).workers).toBe(1);
    expect(workersFor(auto, AUTO_MIN_RUNS, 2, 0)).toEqual({ workers: 2, why: null });
    expect(workersFor(auto, null, 4, 0).workers).toBe(4);
    expect(workersFor(auto, 10_000, 1, 0).workers).toBe(1);
  });
  it('auto: at most one thread per AUTO_RUNS_PER_WORKER runs, so many cores do not each warm up for a few runs', () => {
    expect(workersFor(auto, AUTO_MIN_RUNS, 8, 0).workers).toBe(2);
    expect(workersFor(auto, 1400, 64, 0).workers).toBe(Math.floor(1400 / AUTO_RUNS_PER_WORKER));
    expect(workersFor(auto, 1400, 4, 0).workers).toBe(4);
    expect(workersFor(auto, null, 64, 0).workers).toBe(64); // a budget: as many seeds as the time allows
  });
  it('auto: one thread, saying why, when the cores are already busy', () => {
    expect(workersFor(auto, 10_000, 2, 4.2)).toEqual({ workers: 1, why: 'one thread: the 2 cores are busy (load average 4.2); --workers 2 to use them anyway' });
    expect(workersFor(auto, 10_000, 2, 3.9).workers).toBe(2);
  });
  it('a number is used as given, capped at the cores with a warning', () => {
    expect(workersFor(parseWorkers('1', 2), 10_000, 2, 0).workers).toBe(1);
    expect(parseWorkers('8', 2)).toEqual({ asked: 2, warning: 'dst: warning: --workers 8 is more than the 2 available cores; using 2' });
    expect(parseWorkers('auto', 2).asked).toBe('auto');
  });
});
