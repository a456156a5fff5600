/**
 * The dependency relation, as the kernel records it while a run is explored: for every
 * event (one step of a task, or one timer fired in kernel context) the set of kernel
 * objects it touched, each as a read or a write. Two events of different tasks are
 * dependent when they touch one object and at least one of them writes it; exploration
 * (dynamic partial-order reduction) reorders only dependent events.
 *
 * An object's id names it the same way in every run: objects of the setup are numbered in
 * creation order; an object made during the run gets a hash of who made it (the task's
 * id, itself such a name), at which of that task's steps, and its ordinal there. So the
 * same object has the same id in any two runs, whatever other tasks did in between (what
 * sleep sets compare across runs); two objects that hash alike only look dependent, which
 * costs runs, never soundness. Recording is off (one null check per touch) unless the
 * run's strategy carries a log.
 */
import { assert } from '../assert.ts';
import type { RunnableView } from '../strategy/strategy.ts';

/** The id of objects made outside any log (module-level values): all one object, so never falsely independent. */
export const UNKNOWN_OBJECT = 0;
/** The end of the run: written by the exit of the last non-daemon task, read by every daemon step (which it cuts short). */
export const RUN_END = 1;
/** The virtual clock: written by every kernel event, read by every step that reads the time or arms a timer. */
export const CLOCK = 2;
/**
 * Pending timers, with time slips on: read by every arming or disarming of a timer,
 * written by every firing. With slips the kernel is one more task, whose next step fires
 * the earliest pending timer; which timer that is, and whether it can fire at all, changes
 * only with an arming or a disarming, so those are its only dependency besides what the
 * firing itself touches. Armings and disarmings of different timers commute (the same
 * timers are pending either way; one disarming its own timer touches that timer too).
 */
export const TIMERS = 3;
/**
 * The non-daemon tasks' exits, with time slips on: read by each such exit, written by
 * every kernel event. The last exit ends the run and no timer fires after it, so which
 * exits come before a firing matters, though the exits themselves commute.
 */
export const EXITS = 4;
/**
 * A step or firing that ends the run abnormally (a panic): it writes this, and every task
 * step and every firing reads it, because ending the run disables every event that has
 * not run yet: which independent events came before it is part of the run's class.
 */
export const ABORT = 5;
const FIRST_ID = 6;
/** Ids of objects made during the run are hashes in [RUN_IDS, 2^30). */
const RUN_IDS = 1 << 20;

/**
 * What the kernel's next step would have touched when the run's end disabled it (see
 * {@link DependencyLog.firingDisabledAtEnd}), as far as is known without running it: it
 * takes a pending timer, sets the clock and would have come before the exits.
 */
export const PENDING_FIRING: Footprint = [EXITS * 2 + 1, TIMERS * 2 + 1, CLOCK * 2 + 1];

/** The task id of kernel events (timers fired by the kernel, in its own context). */
export const KERNEL = -1;

/** A footprint: the objects one event touched, each `id * 2 + (write ? 1 : 0)`, without duplicates. */
export type Footprint = readonly number[];

/** Every event of one run with its footprint. */
export class DependencyLog {
  private nextId = FIRST_ID;
  /** Per event: the task that ran it, or {@link KERNEL}. */
  readonly tasks: number[] = [];
  /** Per event: the index of the scheduling decision that picked its task, or -1 (only one task could run, or a kernel event). */
  readonly sched: number[] = [];
  /** Per event: how many decisions had been taken when it began (its own decisions follow). */
  readonly firstDecision: number[] = [];
  /** Per event: its footprint. */
  readonly footprints: Footprint[] = [];
  /** Per event: how many decisions had been taken when it ended. */
  readonly lastDecision: number[] = [];
  /** Per object id: the event that made it (-1: made outside any event, in the setup), and its ordinal among that event's objects. */
  readonly creator = new Map<number, number>();
  readonly ordinal = new Map<number, number>();
  /** Per task id (kernel: -1): how many events it has run. */
  private readonly stepsOf = new Map<number, number>();
  /**
   * Per event: the event that woke or spawned its task since the task's previous event
   * (-1: none, it was runnable all along, or made in the setup). Exact, where a task's object
   * id, a hash, could collide with another object's.
   */
  readonly enabledBy: number[] = [];
  /** Per task id: the event that last woke or spawned it, until its next event begins. */
  private readonly wokenBy = new Map<number, number>();
  /** Per event: what a kernel event fired (a timer's name), '' for task steps. */
  readonly what: string[] = [];
  /** Per task id: its object id (what canonical names of events start from). */
  readonly taskObject: number[] = [];
  /**
   * Whether kernel events are barriers (ordered after every earlier event): true unless the
   * run offers time slips, where a timer may fire while tasks can run and a scheduling
   * decision can let it fire before a step it followed (then it is ordered by what it touches).
   */
  barriers = true;
  /**
   * The timer ties of the run: each a run of kernel events fired at one instant from
   * `due` timers due together (their order chosen by timer-tie decisions), starting at
   * event `first`, with how many of them fired (fewer than `due` when one disarmed a peer).
   */
  readonly ties: TieGroup[] = [];
  private cur: number[] | null = null;
  private made = 0;
  private setupMade = 0;

  /** A fresh object id (called when a channel, mutex, cell, task... is made). */
  newId(): number {
    if (this.cur === null) {
      const id = this.nextId++;
      assert(id < RUN_IDS, 'dependency log: too many objects made in the setup');
      this.creator.set(id, -1);
      this.ordinal.set(id, this.setupMade++);
      return id;
    }
    const k = this.tasks.length - 1;
    const t = this.tasks[k] as number;
    const n = this.made++;
    const by = t === KERNEL ? 7 : (this.taskObject[t] ?? UNKNOWN_OBJECT);
    let h = Math.imul(by ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ ((this.stepsOf.get(t) ?? 0) - 1), 0xc2b2ae35);
    h = Math.imul(h ^ n ^ (h >>> 15), 0x27d4eb2f);
    const id = RUN_IDS + ((h >>> 2) % ((1 << 30) - RUN_IDS));
    if (!this.creator.has(id)) {
      this.creator.set(id, k);
      this.ordinal.set(id, n);
    }
    return id;
  }

  /** A fresh object id for task `taskId` (its spawn and every wake of it touch it). */
  newTask(taskId: number): number {
    const id = this.newId();
    this.taskObject[taskId] = id;
    return id;
  }

  /** Number of events recorded. */
  get length(): number {
    return this.tasks.length;
  }

  /**
   * Set when the run ended (a panic, a budget, a kernel failure) while tasks could still
   * run: the step that ended it disabled them, so their next steps never ran to race with.
   */
  cutShort = false;

  /**
   * Set when, with time slips, the run ended (every task finished) while a timer could
   * still have fired: the firing that never ran, disabled by the last exit, still races
   * with what it would have touched (see {@link PENDING_FIRING}).
   */
  firingDisabledAtEnd = false;

  /** Marks the last event (a task's step, or a firing in kernel context) as the one that ended the run abnormally (it writes {@link ABORT}). */
  aborted(): void {
    const fp = this.footprints[this.footprints.length - 1] as number[] | undefined;
    if (fp !== undefined && !fp.includes(ABORT * 2 + 1)) fp.push(ABORT * 2 + 1);
  }

  /** Per event: the arming number of the timer a kernel event fired (-1 for task steps). */
  readonly timerOf: number[] = [];
  /**
   * Per event: the object id of the timer a kernel event fired ({@link UNKNOWN_OBJECT} for
   * task steps): its canonical name, where the arming number depends on the order tasks armed in.
   */
  readonly firedObject: number[] = [];
  /** Per event: for a kernel event, the virtual time it fired at (-1 for task steps). */
  readonly instant: number[] = [];
  /** Per event: for a kernel event a time slip fired, that slip's decision index (else -1). */
  readonly slipOf: number[] = [];
  /** Set by the kernel while a time slip fires timers: that slip's decision index (else -1). */
  slipDecision = -1;
  /** Set by the kernel just before a time-slip decision: the runnable tasks the firing competes with, valid during that decision. */
  slipTasks: RunnableView | null = null;
  /** With {@link slipTasks}: the index among them of the task that ran last, if still runnable (else -1). */
  slipCurrent = -1;

  /** Tells the exploring strategy, before a time-slip decision, which tasks could run instead of the firing. */
  slipOffer(tasks: RunnableView, current: number): void {
    this.slipTasks = tasks;
    this.slipCurrent = current;
  }

  /** Starts an event of `task` (or {@link KERNEL}, firing `what`, timer number `timer`, object `timerObject`, at time `instant`); `sched` is its scheduling decision's index or -1. */
  begin(task: number, sched: number, decisionsSoFar: number, what = '', timer = -1, timerObject = UNKNOWN_OBJECT, instant = -1): void {
    this.timerOf.push(timer);
    this.firedObject.push(timerObject);
    this.instant.push(instant);
    this.slipOf.push(task === KERNEL ? this.slipDecision : -1);
    assert(this.cur === null, 'dependency log: an event began inside another');
    this.cur = [];
    this.what.push(what);
    this.made = 0;
    this.tasks.push(task);
    this.sched.push(sched);
    this.firstDecision.push(decisionsSoFar);
    this.stepsOf.set(task, (this.stepsOf.get(task) ?? 0) + 1);
    this.enabledBy.push(this.wokenBy.get(task) ?? -1);
    this.wokenBy.delete(task);
  }

  /** Records that the current event (if any) woke or spawned task `taskId`. */
  recordWake(taskId: number): void {
    if (this.cur !== null) this.wokenBy.set(taskId, this.tasks.length - 1);
  }

  /** Records that the current event touched object `id` (outside an event: setup, checkers; ignored). */
  touch(id: number, write: boolean): void {
    const c = this.cur;
    if (c === null) return;
    const r = id * 2;
    for (let i = 0; i < c.length; i++) {
      const x = c[i] as number;
      if (x === r + 1) return;
      if (x === r) {
        if (write) c[i] = r + 1;
        return;
      }
    }
    c.push(write ? r + 1 : r);
  }

  /**
   * Before each timer-tie decision: the timers it chooses among, by arming number, in
   * the kernel's order (a choice's index names one of them). Within one path of the
   * exploration tree these numbers name the same timers, which is all a sleep set needs.
   */
  tieCandidates: readonly number[] = [];

  /** An arming or a disarming of a timer (or a sleep): with time slips, it reads {@link TIMERS}. */
  timersChanged(): void {
    if (!this.barriers) this.touch(TIMERS, false);
  }

  /** Whether event `k` fired a timer of tie number `tie` (an index in {@link ties}). */
  inTie(k: number, tie: number): boolean {
    const g = this.ties[tie];
    return g !== undefined && k >= g.first && (g.fired === -1 || k < g.first + g.fired);
  }

  /** Starts a timer tie of `due` timers (the kernel events that follow fire them). */
  beginTie(due: number): void {
    this.ties.push({ first: this.tasks.length, due, fired: -1 });
  }

  /** Ends the current timer tie after `fired` of its timers fired. */
  endTie(fired: number): void {
    const g = this.ties[this.ties.length - 1];
    assert(g !== undefined && g.fired === -1, 'dependency log: a timer tie ended that never began');
    g.fired = fired;
  }

  /** Ends the current event, when `decisionsSoFar` decisions have been taken. */
  end(decisionsSoFar: number): void {
    assert(this.cur !== null, 'dependency log: an event ended that never began');
    this.lastDecision.push(decisionsSoFar);
    this.footprints.push(this.cur);
    this.cur = null;
  }
}

/** Timers due at one instant, fired one after another (see {@link DependencyLog.ties}). */
export interface TieGroup {
  /** Index of the first event of the group. */
  readonly first: number;
  /** Timers due together. */
  readonly due: number;
  /** How many fired (-1 while firing). */
  fired: number;
}

/** The union of two footprints (a write wins over a read of the same object). */
export function union(a: Footprint, b: Footprint): Footprint {
  const out = [...a];
  for (const y of b) {
    const i = out.findIndex((x) => x >> 1 === y >> 1);
    if (i < 0) out.push(y);
    else out[i] = (out[i] as number) | y;
  }
  return out;
}

/** Whether two footprints conflict: one object touched by both, written by at least one. */
export function dependent(a: Footprint, b: Footprint): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x >> 1 === y >> 1 && ((x | y) & 1) === 1) return true;
    }
  }
  return false;
}

/** Whether two kernel events of one instant conflict: as {@link dependent}, but both only set the clock to that instant. */
export function dependentBesidesClock(a: Footprint, b: Footprint): boolean {
  for (const x of a) {
    if (x >> 1 === CLOCK) continue;
    for (const y of b) if (x >> 1 === y >> 1 && ((x | y) & 1) === 1) return true;
  }
  return false;
}

let active: DependencyLog | null = null;

/** Makes `log` the one the running simulation records into (null: recording off); returns the previous one. */
export function setActiveDependencies(log: DependencyLog | null): DependencyLog | null {
  const prev = active;
  active = log;
  return prev;
}

/** An id for a new kernel object ({@link UNKNOWN_OBJECT} when nothing records). */
export function objectId(): number {
  return active === null ? UNKNOWN_OBJECT : active.newId();
}

/** Records a touch of object `id` by the running event, when a log records. */
export function touch(id: number, write: boolean): void {
  if (active !== null) active.touch(id, write);
}
