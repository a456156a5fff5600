/**
 * A fairness bound on any strategy: a task that has been runnable for `bound` scheduling
 * decisions in a row without being chosen is chosen next. Go's runtime preempts a
 * goroutine after about 10 ms and its run queues are FIFO, so a goroutine that spins on
 * `select { default: }`, or two goroutines that keep handing values to each other,
 * cannot starve a third one forever; PCT (which always runs the highest-priority task)
 * and depth-first search (which keeps running the current task first) otherwise starve
 * such kernels until the step budget. A forced choice asks the wrapped strategy nothing,
 * so exploration neither branches on it nor counts it as a preemption.
 */
import type { Label } from '../label.ts';
import type { RunnableView, Strategy } from './strategy.ts';

/** Wraps `inner` so that no runnable task waits more than `bound` scheduling decisions. */
export class FairBound implements Strategy {
  readonly name: string;
  /** Scheduling decisions taken so far. */
  private n = 0;
  /** By task id: the decision at which it was last seen runnable. */
  private readonly lastSeen: number[] = [];
  /** By task id: the decision since which it has waited, runnable and not chosen. */
  private readonly waitingSince: number[] = [];

  constructor(
    private readonly inner: Strategy,
    /** Decisions a runnable task may be passed over in a row. */
    readonly bound: number,
  ) {
    this.name = inner.name;
    if (inner.dependencies !== undefined) this.dependencies = inner.dependencies;
    if (inner.chooseWeighted !== undefined) this.chooseWeighted = (w, l) => (inner.chooseWeighted as NonNullable<Strategy['chooseWeighted']>)(w, l);
    if (inner.onSpawn !== undefined) this.onSpawn = (id, parent) => (inner.onSpawn as NonNullable<Strategy['onSpawn']>)(id, parent);
    if (inner.onWake !== undefined) this.onWake = (id, waker) => (inner.onWake as NonNullable<Strategy['onWake']>)(id, waker);
    if (inner.end !== undefined) this.end = () => (inner.end as NonNullable<Strategy['end']>)();
  }

  /** The wrapped strategy's dependency log, when it records one (exploration). */
  readonly dependencies?: Strategy['dependencies'];
  /** Forwarded to the wrapped strategy when it has one. */
  chooseWeighted?: Strategy['chooseWeighted'];
  /** Forwarded to the wrapped strategy when it has one. */
  onSpawn?: Strategy['onSpawn'];
  /** Forwarded to the wrapped strategy when it has one. */
  onWake?: Strategy['onWake'];
  /** Forwarded to the wrapped strategy when it has one. */
  end?: Strategy['end'];

  choose(width: number, l: Label): number {
    return this.inner.choose(width, l);
  }

  chooseTask(width: number, current: number, tasks: RunnableView): number {
    const n = this.n++;
    let starving = -1;
    let oldest = n;
    for (let i = 0; i < width; i++) {
      const id = tasks.id(i);
      if (this.lastSeen[id] !== n - 1) this.waitingSince[id] = n;
      this.lastSeen[id] = n;
      const since = this.waitingSince[id] as number;
      if (n - since >= this.bound && since < oldest) {
        oldest = since;
        starving = i;
      }
    }
    if (starving >= 0) this.inner.forced?.(width, starving, tasks);
    const pick = starving >= 0 ? starving : this.inner.chooseTask(width, current, tasks);
    this.waitingSince[tasks.id(pick)] = n + 1;
    return pick;
  }
}
