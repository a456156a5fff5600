/**
 * A decorator that measures how special a schedule is while passing every decision
 * through to the strategy it wraps (shuttle's wrapping schedulers): how many preemptions
 * it takes (switches away from a task that could still run) and how many times it runs a
 * woken task while its waker could still continue, which Go's runtime avoids (the woken
 * goroutine waits in the waker's `runnext` slot; see {@link RunnextTracker}).
 */
import type { Label } from '../label.ts';
import { RunnextTracker } from './runnext.ts';
import type { RunnableView, Strategy } from './strategy.ts';

/** Marks a decision that is not a scheduling decision in {@link ScheduleMeter.currents}. */
export const NOT_SCHEDULING = -2;

/** Counts a schedule's preemptions; the wrapped strategy decides. */
export class ScheduleMeter implements Strategy {
  readonly name: string;
  /** Scheduling decisions that chose another task while the last one could still run. */
  preemptions = 0;
  /** Choices that ran a woken task while its waker could still continue (against Go's runnext rule). */
  wakeeFirst = 0;
  /**
   * One entry per recorded decision, in order: for a scheduling decision the index of the
   * task that ran last if it was still runnable (else -1), otherwise {@link NOT_SCHEDULING}.
   */
  readonly currents: number[] = [];
  private readonly runnext = new RunnextTracker();

  constructor(private readonly inner: Strategy) {
    this.name = inner.name;
  }

  /** A fresh meter around `f(inner)`: a decorator that must sit inside the meter (so the meter sees every decision it makes). */
  around(f: (inner: Strategy) => Strategy): ScheduleMeter {
    return new ScheduleMeter(f(this.inner));
  }

  choose(width: number, l: Label): number {
    this.currents.push(NOT_SCHEDULING);
    return this.inner.choose(width, l);
  }

  chooseWeighted(weights: readonly number[], l: Label): number {
    this.currents.push(NOT_SCHEDULING);
    return this.inner.chooseWeighted !== undefined ? this.inner.chooseWeighted(weights, l) : this.inner.choose(weights.length, l);
  }

  chooseTask(width: number, current: number, tasks: RunnableView): number {
    const idx = this.inner.chooseTask(width, current, tasks);
    this.currents.push(current);
    if (current >= 0 && idx !== current) this.preemptions++;
    const id = tasks.id(idx);
    if (this.runnext.blocker(id, tasks) >= 0) this.wakeeFirst++;
    this.runnext.ran(id);
    return idx;
  }

  onSpawn(taskId: number, parentId: number): void {
    this.inner.onSpawn?.(taskId, parentId);
  }

  onWake(taskId: number, wakerId: number): void {
    this.runnext.woke(taskId, wakerId);
    this.inner.onWake?.(taskId, wakerId);
  }

  end(): string | null {
    return this.inner.end?.() ?? null;
  }
}
