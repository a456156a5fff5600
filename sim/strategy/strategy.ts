/**
 * The one interface behind which every source of decisions sits.
 */
import type { DependencyLog } from '../dpor/dependency-log.ts';
import type { Label } from '../label.ts';

/**
 * A strategy answers every decision of a run. The kernel records each answer, so a
 * run under any strategy can be replayed from its decision log.
 *
 * Decisions of width 1 are never asked (there is nothing to decide) and never recorded.
 */
export interface Strategy {
  /** Short name for reports (`random`, `pct`, `replay`, `dfs`, `list`). */
  readonly name: string;
  /**
   * When set, the kernel records into it every event of the run with the objects it
   * touched (the dependency relation partial-order reduction needs). Only exploring
   * strategies set it: recording costs nothing otherwise.
   */
  readonly dependencies?: DependencyLog;
  /** Picks one of `width` (≥ 2) alternatives for the decision `label`. */
  choose(width: number, label: Label): number;
  /**
   * Picks which of `width` (≥ 2) runnable tasks steps next.
   * @param current - index of the task that ran last if it is still runnable, else -1;
   *   choosing another index while `current >= 0` is a preemption.
   * @param tasks - a read-only view of the runnable tasks, by index.
   */
  chooseTask(width: number, current: number, tasks: RunnableView): number;
  /**
   * Told of a scheduling decision a decorator took without asking (a fairness bound forcing
   * a starving task), so a strategy that follows decision positions stays aligned with the
   * kernel's decision log.
   */
  forced?(width: number, choice: number, tasks: RunnableView): void;
  /**
   * Picks one of `weights.length` (≥ 2) outcomes of a weighted decision. Random strategies
   * draw by weight; strategies without it answer {@link choose} with the same width.
   */
  chooseWeighted?(weights: readonly number[], label: Label): number;
  /**
   * Told when a task is spawned (PCT assigns its priority here).
   * @param parentId - the spawning task, or -1 when spawned from kernel context (setup, timers).
   */
  onSpawn?(taskId: number, parentId: number): void;
  /**
   * Told when a parked task becomes runnable again.
   * @param wakerId - the task whose step woke it (a send, a close, an unlock...), or -1
   *   when a timer woke it in kernel context.
   */
  onWake?(taskId: number, wakerId: number): void;
  /**
   * Told when the run ends. A strategy that follows a fixed plan (replay) returns a
   * divergence message when the run did not use the whole plan, else null.
   */
  end?(): string | null;
}

/** What a strategy sees of the runnable tasks: their ids and names, by index, valid during one `chooseTask` call. */
export interface RunnableView {
  /** Number of runnable tasks. */
  readonly length: number;
  /** The id (dense, in spawn order) of the `i`-th runnable task. */
  id(i: number): number;
  /** The name of the `i`-th runnable task. */
  name(i: number): string;
  /** The index of the runnable task with id `id`, or -1 when that task is not runnable. */
  indexOf(id: number): number;
  /** Virtual time now (µs). */
  readonly now: number;
}

/** Returns an integer in [0, width) from a uniform double in [0, 1). */
export function scale(u: number, width: number): number {
  const v = Math.floor(u * width);
  return v >= width ? width - 1 : v;
}
