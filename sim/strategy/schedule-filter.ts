/**
 * A decorator that removes one kind of scheduling choice from the schedule of the
 * strategy it wraps: `no-preemption` never switches away from a task that can still run
 * (it switches only when the running task blocks or ends); `no-wakee-first` never runs a
 * woken task while its waker can still continue (Go's `runnext` rule): it runs the waker.
 * Replaying a failing case's decisions through a filter tells whether its bug needs that
 * kind of choice: when the filtered run still shows the bug, it does not.
 */
import type { Label } from '../label.ts';
import { RunnextTracker } from './runnext.ts';
import type { RunnableView, Strategy } from './strategy.ts';

/** Which choices a {@link ScheduleFilter} removes. */
export type ScheduleRule = 'no-preemption' | 'no-wakee-first';

/** Filters the wrapped strategy's scheduling choices by a rule; every other decision passes through. */
export class ScheduleFilter implements Strategy {
  readonly name: string;
  /** Choices the rule overrode. */
  overridden = 0;
  private readonly runnext = new RunnextTracker();

  constructor(
    private readonly inner: Strategy,
    private readonly rule: ScheduleRule,
  ) {
    this.name = `${inner.name}/${rule}`;
  }

  choose(width: number, l: Label): number {
    return this.inner.choose(width, l);
  }

  chooseWeighted(weights: readonly number[], l: Label): number {
    return this.inner.chooseWeighted !== undefined ? this.inner.chooseWeighted(weights, l) : this.inner.choose(weights.length, l);
  }

  chooseTask(width: number, current: number, tasks: RunnableView): number {
    let idx = this.inner.chooseTask(width, current, tasks);
    if (this.rule === 'no-preemption') {
      if (current >= 0 && idx !== current) {
        idx = current;
        this.overridden++;
      }
    } else {
      const w = this.runnext.blocker(tasks.id(idx), tasks);
      if (w >= 0) {
        idx = tasks.indexOf(w);
        this.overridden++;
      }
    }
    this.runnext.ran(tasks.id(idx));
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
