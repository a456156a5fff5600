/**
 * Exhaustive depth-first search over decision sequences, stateless (CHESS-style): each
 * schedule re-runs the program from the start, following a decision prefix and then
 * the first alternative of every new decision; backtracking bumps the deepest decision
 * that still has an untried alternative. A preemption bound limits how many times a
 * schedule may switch away from a task that could still run; a time slip (a timer fired
 * early while tasks could run) counts against the same bound, so exploring time stays
 * bounded too.
 */
import { assert } from '../assert.ts';
import { Labels, type Label } from '../label.ts';
import type { Strategy } from './strategy.ts';

interface Step {
  readonly width: number;
  /** Position in this decision's preference order (0 = first tried). */
  pos: number;
  /** For scheduling decisions: the index of the task that could keep running, else -1. */
  readonly current: number;
  /** Whether any alternative but the first costs one unit of the preemption bound. */
  readonly costly: boolean;
}

/** Follows a prefix of preference positions, then takes position 0 for new decisions. */
class DfsPath implements Strategy {
  readonly name = 'dfs';
  readonly steps: Step[] = [];
  private i = 0;

  constructor(private readonly prefix: readonly number[]) {}

  choose(width: number, l: Label): number {
    return this.take(width, -1, l === Labels.timeSlip);
  }

  chooseTask(width: number, current: number): number {
    return this.take(width, current, current >= 0);
  }

  private take(width: number, current: number, costly: boolean): number {
    const pos = this.i < this.prefix.length ? (this.prefix[this.i] as number) : 0;
    assert(pos < width, `dfs: decision #${this.i} has width ${width} on re-run but the prefix asks for position ${pos}; the program is not deterministic`);
    this.i++;
    this.steps.push({ width, pos, current, costly });
    return actual(pos, current);
  }
}

/** Maps a preference position to a choice: a task that can keep running is tried first. */
function actual(pos: number, current: number): number {
  if (current < 0) return pos;
  if (pos === 0) return current;
  return pos - 1 < current ? pos - 1 : pos;
}

/** Options of {@link explore}. */
export interface ExploreOptions {
  /** Maximum preemptions per schedule; Infinity for none. */
  readonly preemptionBound?: number;
  /** Stop after this many schedules (the space is then reported as not exhausted). */
  readonly maxSchedules?: number;
  /** Stop at the first failing schedule (default true). */
  readonly stopAtFirstFailure?: boolean;
}

/** The result of an exploration. */
export interface ExploreResult<R> {
  /** Schedules run. */
  readonly schedules: number;
  /** True when every schedule within the bound was run. */
  readonly exhausted: boolean;
  /** Failing runs, with the strategy-independent choices that reproduce them. */
  readonly failures: ReadonlyArray<{ readonly schedule: number; readonly result: R }>;
}

/**
 * Explores every schedule of `runOnce` (which must build and run a fresh simulation
 * with the given strategy) within the bounds.
 * @param isFailure - whether a run's result counts as a failure.
 */
export function explore<R>(runOnce: (s: Strategy) => R, isFailure: (r: R) => boolean, opts: ExploreOptions = {}): ExploreResult<R> {
  const bound = opts.preemptionBound ?? Number.POSITIVE_INFINITY;
  const max = opts.maxSchedules ?? 100_000;
  const stopFirst = opts.stopAtFirstFailure ?? true;
  const failures: Array<{ schedule: number; result: R }> = [];
  let prefix: number[] = [];
  let schedules = 0;
  for (;;) {
    if (schedules >= max) return { schedules, exhausted: false, failures };
    const path = new DfsPath(prefix);
    const result = runOnce(path);
    schedules++;
    if (isFailure(result)) {
      failures.push({ schedule: schedules, result });
      if (stopFirst) return { schedules, exhausted: false, failures };
    }
    const next = backtrack(path.steps, bound);
    if (next === null) return { schedules, exhausted: true, failures };
    prefix = next;
  }
}

function backtrack(steps: readonly Step[], bound: number): number[] | null {
  const preemptionsBefore: number[] = [];
  let p = 0;
  for (const s of steps) {
    preemptionsBefore.push(p);
    if (s.costly && s.pos > 0) p++;
  }
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i] as Step;
    if (s.pos + 1 >= s.width) continue;
    const cost = s.costly ? 1 : 0;
    if ((preemptionsBefore[i] as number) + cost > bound) continue;
    const prefix = steps.slice(0, i).map((x) => x.pos);
    prefix.push(s.pos + 1);
    return prefix;
  }
  return null;
}
