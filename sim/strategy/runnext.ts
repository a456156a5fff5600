/**
 * Go's `runnext` rule, tracked outside the scheduler: a goroutine readied by another
 * waits in its waker's `runnext` slot, and runs only once the waker blocks or ends (or
 * another P steals it while the waker is not running). A task is *protected* while the
 * task that last woke it is still runnable and it is that task's latest wakee (a second
 * wake by the same waker kicks the first wakee out of `runnext`, into a stealable queue).
 */
import type { RunnableView } from './strategy.ts';

/** Who protects whom under the runnext rule. */
export class RunnextTracker {
  /** Wakee → its waker, and waker → its latest wakee. */
  private readonly protectedBy = new Map<number, number>();
  private readonly runnextOf = new Map<number, number>();

  /** `taskId` became runnable, woken by `wakerId` (-1: a timer, in kernel context). */
  woke(taskId: number, wakerId: number): void {
    this.release(taskId); // it had blocked: whatever sat in its runnext is free now
    this.unprotect(taskId);
    if (wakerId < 0) return;
    const old = this.runnextOf.get(wakerId);
    if (old !== undefined) this.protectedBy.delete(old);
    this.runnextOf.set(wakerId, taskId);
    this.protectedBy.set(taskId, wakerId);
  }

  /** `taskId` runs now. */
  ran(taskId: number): void {
    this.unprotect(taskId);
  }

  /**
   * The runnable task that must run before `taskId` under the rule (its waker, or that
   * waker's own waker...), or -1 when `taskId` may run.
   */
  blocker(taskId: number, tasks: RunnableView): number {
    let found = -1;
    for (let t = taskId, hops = 0; hops < 64; hops++) {
      const w = this.protectedBy.get(t);
      if (w === undefined || tasks.indexOf(w) < 0) break;
      found = w;
      t = w;
    }
    return found;
  }

  private unprotect(taskId: number): void {
    const w = this.protectedBy.get(taskId);
    if (w === undefined) return;
    this.protectedBy.delete(taskId);
    if (this.runnextOf.get(w) === taskId) this.runnextOf.delete(w);
  }

  private release(wakerId: number): void {
    const a = this.runnextOf.get(wakerId);
    if (a === undefined) return;
    this.runnextOf.delete(wakerId);
    this.protectedBy.delete(a);
  }
}
