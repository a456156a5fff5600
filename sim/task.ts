/**
 * A simulated goroutine.
 */
import { Waiter } from './channel.ts';
import type { Effect, Proc } from './effects.ts';
import type { GoPanic } from './errors.ts';
import type { Thread } from './race/thread.ts';

/** Lifecycle of a task. */
export const enum TaskState {
  Runnable = 0,
  Blocked = 1,
  Done = 2,
}

/** What code outside the kernel may read of a task. */
export interface TaskInfo {
  /** Dense id in spawn order. */
  readonly id: number;
  /** Human name, e.g. `caller-42`. */
  readonly name: string;
}

/** Kernel-side record of one task. Fields are mutated only by the kernel. */
export class Task implements TaskInfo {
  state: TaskState = TaskState.Runnable;
  /** Value passed to the next `next()` call. */
  resume: unknown = undefined;
  /** A panic to throw into the task when it next resumes (a send parked on a channel that got closed), else null. */
  pendingPanic: GoPanic | null = null;
  /** The effect the task is blocked on (for deadlock reports and result delivery). */
  effect: Effect | null = null;
  /** Bumped each time the task wakes; a channel waiter whose `gen` differs is stale. */
  waitGen = 0;
  /** Trace position of the task's last blocked `select` (so the case that later runs can be noted beside it). */
  selectSeq = -1;
  /** Timer entry armed for a sleep, if any. */
  sleepTimer: unknown = null;
  /**
   * The generator's `next` and `throw`, resolved once at spawn. Each `function*` closure
   * gives its generators their own hidden class, so `gen.next(v)` at the kernel's one call
   * site goes megamorphic with thousands of tasks (about 7x slower at 10,000 tasks);
   * calling through these fields keeps that site monomorphic.
   */
  readonly next: Proc<unknown>['next'];
  readonly throwInto: Proc<unknown>['throw'];
  /** The task's waiter for plain sends and receives, reused at every park (see {@link Waiter}). */
  readonly waiter: Waiter;
  /** Its happens-before state (null when race detection is off). */
  thread: Thread | null = null;
  /** Its object id in the dependency log (what a wake or a spawn of it touches), 0 when nothing records. */
  oid = 0;
  /**
   * The object id of its wait (0 when nothing records): written when it parks and when it is
   * woken, read by every operation that inspects one of its waiters, live or stale (a
   * `select` woken by one case leaves stale waiters on the others: whether another case's
   * operation finds it waiting depends on which came first).
   */
  woid = 0;

  constructor(
    /** Dense id in spawn order, stable for a given program and decisions. */
    readonly id: number,
    /** Human name, e.g. `caller-42`. */
    readonly name: string,
    /** The generator being driven. */
    readonly gen: Proc<unknown>,
    /** Daemons may be blocked at the end of a run without being reported. */
    readonly daemon: boolean,
    /** The task that spawned this one, if any. */
    readonly parent: Task | null,
  ) {
    this.next = gen.next;
    this.throwInto = gen.throw;
    this.waiter = new Waiter(this);
  }

  /** `name` plus its spawn ancestry, e.g. `worker-3 <- dispatcher <- main`. */
  lineage(): string {
    const names: string[] = [];
    for (let t: Task | null = this; t !== null && names.length < 6; t = t.parent) names.push(t.name);
    return names.join(' <- ');
  }
}
