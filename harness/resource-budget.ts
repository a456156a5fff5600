/**
 * Memory and wall-time budgets of a run. Before any run, a target's configuration is
 * checked against them ({@link checkFits}: the target's `checkResources`, an estimate
 * from the configuration alone); during a run, a {@link budgetWatchdog} stops it at the
 * heap or wall budget with outcome `resource-budget`, reported as a limit of the tool,
 * never as a property and never as a native out-of-memory crash. The watchdog reads only
 * the host (outside determinism), so it cannot change the hash of a run within budget.
 * Budgets come from flags (`--max-heap-mb`, `--max-wall`), else the configuration, else
 * the defaults here.
 */
import { getHeapStatistics } from 'node:v8';
import { hostNow, type Watchdog } from '../sim/index.ts';
import { InputError } from './input-error.ts';
import { liveHeapBytes } from './live-heap.ts';
import type { AnyTarget, ResourceBudget, RunLimits } from './target.ts';

const MB = 1024 * 1024;

/** Default wall-clock budget of one run: ten minutes. */
export const DEFAULT_MAX_WALL_MS = 600_000;

/** The share of this thread's heap limit a run may fill by default (the rest stays for the tool). */
export const DEFAULT_HEAP_SHARE = 0.8;

/** Loop iterations between two watchdog checks (a heap check costs about a microsecond). */
export const WATCH_EVERY = 4096;

/** This thread's V8 heap limit in MB (`--max-old-space-size`, or the worker's resource limit). */
export function heapLimitMb(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / MB);
}

/** The default heap budget: {@link DEFAULT_HEAP_SHARE} of the heap limit. */
export function defaultMaxHeapMb(): number {
  return Math.floor(heapLimitMb() * DEFAULT_HEAP_SHARE);
}

/** Budgets a user gave on the command line (plain data: it travels to workers). */
export interface BudgetOverrides {
  readonly maxHeapMb?: number;
  readonly maxWallMs?: number;
}

/** The budget of one run: flags first, then the configuration's own limits, then the defaults. */
export function effectiveBudget(limits: RunLimits, overrides?: BudgetOverrides): ResourceBudget {
  return {
    maxHeapMb: Math.min(overrides?.maxHeapMb ?? limits.maxHeapMb ?? defaultMaxHeapMb(), heapLimitMb()),
    maxWallMs: overrides?.maxWallMs ?? limits.maxWallMs ?? DEFAULT_MAX_WALL_MS,
  };
}

/** Refuses, as bad input naming the fields, a configuration its target says cannot fit the budget. */
export function checkFits(t: AnyTarget, config: unknown, source: string, overrides?: BudgetOverrides): void {
  const problem = t.checkResources?.(config, effectiveBudget(t.limits(config), overrides)) ?? null;
  if (problem !== null) throw new InputError(`scenario ${source}: ${problem}`);
}

/** The watchdog of one run: stops it when its wall time or this thread's heap passes the budget. */
export function budgetWatchdog(b: ResourceBudget): Watchdog {
  const start = hostNow();
  const heapBytes = b.maxHeapMb * MB;
  let collected = false;
  return {
    every: WATCH_EVERY,
    check() {
      const wall = hostNow() - start;
      if (wall > b.maxWallMs) return `wall-clock budget of ${b.maxWallMs >= 1000 ? `${(b.maxWallMs / 1000).toFixed(1)} s` : `${b.maxWallMs} ms`} reached (--max-wall)`;
      let used = getHeapStatistics().used_heap_size;
      // Over the budget: the garbage of an earlier run may be most of it; collect it once per run.
      if (used > heapBytes && !collected) {
        collected = true;
        used = liveHeapBytes();
      }
      if (used > heapBytes) return `heap budget of ${b.maxHeapMb} MB reached (${Math.round(used / MB)} MB in use; --max-heap-mb)`;
      return null;
    },
  };
}
