/**
 * One run of source-DPOR: a strategy that follows the exploration tree's current path
 * (its decisions so far), then extends it, and keeps the run's sleep set as it goes. A
 * scheduling decision becomes a {@link SchedNode} (which task runs, with source-DPOR's
 * backtrack set, the tasks explored from it and the sleep set it was reached with); so
 * does a time slip, where the kernel is one more task ({@link KERNEL}) whose step fires
 * the earliest timer: firing early is running that task before the others. Every other
 * decision (a select case, a timer tie, a fault, a draw) becomes an {@link OtherNode}, a
 * full branching point. A new scheduling decision whose every runnable task is asleep
 * ends the run as redundant (sleep-set blocked): each of them was explored from an
 * equivalent state already.
 */
import { assert } from '../assert.ts';
import { Labels, type Label } from '../label.ts';
import { ReplayDivergence } from '../strategy/replay.ts';
import type { RunnableView, Strategy } from '../strategy/strategy.ts';
import type { SeenDecision } from './class-signature.ts';
import { dependent, dependentBesidesClock, DependencyLog, KERNEL, union, type Footprint } from './dependency-log.ts';

/** A scheduling decision of the exploration tree. */
export interface SchedNode {
  readonly sched: true;
  /** Runnable task ids, by index. */
  readonly enabled: readonly number[];
  /** Index of the task that could keep running (-1: none): choosing another is a preemption. */
  readonly current: number;
  /** The task the current path takes. */
  chosen: number;
  /** Source-DPOR's backtrack set: tasks to explore from here. */
  readonly backtrack: Set<number>;
  /** Tasks explored from here, with the footprint of the step each took (null until it ran). */
  readonly done: Map<number, Footprint | null>;
  /** The sleep set the node was reached with: tasks whose next step was explored from an equivalent state. */
  readonly sleep: ReadonlyMap<number, Footprint>;
  /** Taken by a decorator (a fairness bound), or following a time slip's node: it has no alternatives. */
  readonly forced?: boolean;
  /**
   * A time-slip decision: {@link enabled} ends with {@link KERNEL} (firing the earliest
   * timer now), the other entries are the runnable tasks, and the scheduling decision that
   * follows when a task is chosen among several is forced to it.
   */
  readonly slip?: boolean;
}

/** Any other decision: explored in full. */
export interface OtherNode {
  readonly sched: false;
  readonly width: number;
  readonly label: string;
  pos: number;
  /** A timer tie whose timers touch nothing in common: every order is one class, so only this one is run. */
  independentTie?: boolean;
  /** For a timer tie: which timers it chose among, and a sleep set over them (see {@link TieChoices}). */
  readonly tie?: TieChoices;
}

/**
 * The timers a timer-tie decision chooses among, each by its arming number: every choice
 * not asleep is explored (timers that fire at one instant are a small, full expansion),
 * and a timer explored from here, or asleep when the node was reached, sleeps on through
 * the tie until a firing touches what it touched.
 */
export interface TieChoices {
  readonly ids: readonly number[];
  /** Timers asleep when the node was reached, with their firings' footprints. */
  readonly sleep: ReadonlyMap<number, Footprint>;
  /** Timers explored from here, with their firings' footprints (null until fired). */
  readonly done: Map<number, Footprint | null>;
}

/** A node of the exploration tree. */
export type DporNode = SchedNode | OtherNode;

/** What choosing `q` at `node` costs of the preemption bound: a time slip or a switch away from a task that could go on, one. */
export function preemptionCost(node: SchedNode, q: number): number {
  if (q === KERNEL) return 1;
  return node.current >= 0 && node.enabled[node.current] !== q ? 1 : 0;
}

/**
 * Source-DPOR's rule for one race at `node`: unless one of the reversal's initials is
 * explored from there already, or asleep there (its step was explored from an equivalent
 * state, with every continuation, and running it first is equivalent to the reversal:
 * the part of optimal DPOR's sleep-set check that needs no wakeup tree), add one that can
 * run there, awake if any. False when none can run there (the race's first step enabled
 * the second: not reversible). `ignoreSleep` is the oracle's sabotage.
 */
export function addInitial(node: SchedNode, init: readonly number[], ignoreSleep = false): boolean {
  if (init.some((q) => node.backtrack.has(q) || (!ignoreSleep && node.sleep.has(q)))) return true;
  const runnable = init.filter((q) => node.enabled.includes(q));
  if (runnable.length === 0) return false;
  node.backtrack.add(runnable.find((q) => !node.sleep.has(q)) ?? (runnable[0] as number));
  return true;
}

/**
 * Whether `node` is a time slip that chose a task among several: the scheduling decision
 * that follows it is forced to that task (and the step is the slip's).
 */
export function choseTaskAmongSeveral(node: DporNode): node is SchedNode {
  return node.sched && node.slip === true && node.chosen !== KERNEL && node.enabled.length > 2;
}

/** The message of a sleep-set-blocked run's end. */
export const SLEEP_BLOCKED = 'dpor: every runnable task is in the sleep set (a redundant run)';

/** The strategy of one run under source-DPOR. */
export class DporPath implements Strategy {
  readonly name = 'dpor';
  readonly dependencies = new DependencyLog();
  /** Every decision of the run as taken. */
  readonly seen: SeenDecision[] = [];
  /** True when the run ended sleep-set blocked. */
  blocked = false;
  /** With {@link blocked}: the events before this index are the run's useful prefix (the rest repeats explored work). */
  blockedAt = Number.POSITIVE_INFINITY;
  private i = 0;
  private processed = 0;
  private sleep = new Map<number, Footprint>();
  /** The timer tie being fired (its number in the log), its sleep set, and its last decision, waiting for its firing. */
  private tieGroup = -1;
  private tieSleep: ReadonlyMap<number, Footprint> = new Map();
  private tieNode: OtherNode | null = null;

  /** Preemptions (and slips) the path has taken so far. */
  private used = 0;

  constructor(
    /** The tree's current path; the run follows it, then appends the decisions it takes beyond. */
    readonly nodes: DporNode[],
    /** The preemption bound (a slip costs one): a new slip tries firing first only within it. */
    private readonly bound = Number.POSITIVE_INFINITY,
  ) {}

  /** Decisions taken so far. */
  get depth(): number {
    return this.i;
  }

  choose(width: number, l: Label): number {
    this.catchUp();
    if (this.blocked) throw new ReplayDivergence(SLEEP_BLOCKED);
    if (l === Labels.timeSlip) return this.chooseSlip(width);
    if (l === Labels.timerTie && this.dependencies.ties.length !== this.tieGroup) {
      // A new timer tie: nothing of it sleeps yet.
      this.tieGroup = this.dependencies.ties.length;
      this.tieSleep = new Map();
    }
    let node = this.nodes[this.i];
    if (node === undefined) {
      const tie = l === Labels.timerTie && this.dependencies.barriers ? this.tieChoices(width) : undefined;
      const pos = tie === undefined ? 0 : tie.ids.findIndex((id) => !tie.sleep.has(id));
      if (pos < 0) this.block(this.dependencies.footprints.length);
      node = { sched: false, width, label: l.name, pos, ...(tie !== undefined && { tie }) };
      if (tie !== undefined) tie.done.set(tie.ids[pos] as number, null);
      this.nodes.push(node);
    }
    assert(!node.sched && node.width === width && node.label === l.name, `dpor: decision #${this.i} is ${l.name} of width ${width} on re-run, not what the path recorded; the program is not deterministic`);
    if (node.tie !== undefined) this.tieNode = node;
    this.i++;
    this.seen.push({ sched: false, label: l.name, choice: node.pos });
    return node.pos;
  }

  chooseTask(width: number, current: number, tasks: RunnableView): number {
    this.catchUp();
    if (this.blocked) throw new ReplayDivergence(SLEEP_BLOCKED);
    let node = this.nodes[this.i];
    if (node === undefined) {
      const prev = this.nodes[this.i - 1];
      // A slip not taken among several tasks chose the task already (with one, no scheduling decision follows it).
      if (prev !== undefined && choseTaskAmongSeveral(prev)) node = this.newSchedNode(tasks, -1, { forcedTo: prev.chosen });
      else node = this.newSchedNode(tasks, current, {});
      this.nodes.push(node);
    }
    assert(node.sched && node.enabled.length === width, `dpor: decision #${this.i} is a scheduling decision of width ${width} on re-run, not what the path recorded; the program is not deterministic`);
    const idx = tasks.indexOf(node.chosen);
    assert(idx >= 0, `dpor: task ${node.chosen} is not runnable on re-run; the program is not deterministic`);
    this.used += preemptionCost(node, node.chosen);
    assert(this.used <= this.bound, `dpor: decision #${this.i} takes preemption ${this.used}, over the bound of ${this.bound}`);
    this.i++;
    this.seen.push({ sched: true, label: 'sched', choice: idx });
    return idx;
  }

  /**
   * A time-slip decision, as a scheduling decision among the runnable tasks and the
   * kernel: 1 (fire the earliest timer now) when the kernel is chosen. A new one runs a
   * task that is awake, else fires if the kernel is awake and the bound allows.
   */
  private chooseSlip(width: number): number {
    const log = this.dependencies;
    const tasks = log.slipTasks;
    assert(width === 2 && tasks !== null, 'dpor: a time-slip decision the kernel did not offer with its runnable tasks');
    log.slipTasks = null;
    let node = this.nodes[this.i];
    if (node === undefined) {
      node = this.newSchedNode(tasks, log.slipCurrent, { slip: true });
      this.nodes.push(node);
    }
    assert(node.sched && node.slip === true && node.enabled.length === tasks.length + 1, `dpor: decision #${this.i} is a time slip among ${tasks.length} tasks on re-run, not what the path recorded; the program is not deterministic`);
    assert(node.chosen === KERNEL || tasks.indexOf(node.chosen) >= 0, `dpor: task ${node.chosen} is not runnable at a time slip on re-run; the program is not deterministic`);
    this.used += preemptionCost(node, node.chosen);
    assert(this.used <= this.bound, `dpor: decision #${this.i} takes preemption ${this.used}, over the bound of ${this.bound}`);
    this.i++;
    const fire = node.chosen === KERNEL ? 1 : 0;
    this.seen.push({ sched: false, label: Labels.timeSlip.name, choice: fire });
    return fire;
  }

  /**
   * The node that decided event `k` (its index in the tree), or -1: a step's scheduling
   * decision, or the time slip just before it that chose its task; for a firing, the slip
   * that fired it. A step that was the only one runnable, or a timer fired because no task
   * could run, was decided by nothing.
   */
  ownerOf(k: number): number {
    const log = this.dependencies;
    const t = log.tasks[k] as number;
    if (t === KERNEL) return log.slipOf[k] as number;
    const s = log.sched[k] as number;
    if (s >= 0) {
      const prev = this.nodes[s - 1];
      return prev !== undefined && choseTaskAmongSeveral(prev) && prev.chosen === t ? s - 1 : s;
    }
    // The only runnable task: a slip that chose it is the last decision, taken after the event before.
    const d = (log.firstDecision[k] as number) - 1;
    const prev = this.nodes[d];
    if (prev === undefined || !prev.sched || prev.slip !== true || prev.chosen !== t || prev.enabled.length !== 2) return -1;
    return k === 0 || (log.lastDecision[k - 1] as number) <= d ? d : -1;
  }

  /** A new timer-tie node's choices: the sleep set carries over from the tie's earlier decisions. */
  private tieChoices(width: number): TieChoices {
    const log = this.dependencies;
    const ids = log.tieCandidates;
    assert(ids.length === width, 'dpor: a timer tie decision without its candidates');
    return { ids: [...ids], sleep: this.tieSleep, done: new Map() };
  }

  private block(at: number): never {
    this.blocked = true;
    this.blockedAt = at;
    throw new ReplayDivergence(SLEEP_BLOCKED);
  }

  /**
   * A new scheduling node over the runnable `tasks` (plus {@link KERNEL} for a time slip),
   * reached with the run's sleep set. Unless forced to a task (which must be `awake` for
   * the run to go on, if asked), it takes the task that can go on if awake, else the first
   * awake one if the bound allows the switch, else (a slip, within the bound) the kernel's
   * firing; with nothing to take the run is redundant (what is left within the bound was
   * explored from an equivalent state).
   */
  private newSchedNode(tasks: RunnableView, current: number, how: { readonly slip?: true; readonly forcedTo?: number; readonly awake?: true }): SchedNode {
    const enabled: number[] = [];
    for (let k = 0; k < tasks.length; k++) enabled.push(tasks.id(k));
    if (how.slip === true) enabled.push(KERNEL);
    const sleep = new Map(this.sleep);
    let pick = how.forcedTo;
    if (pick === undefined) {
      const cur = current >= 0 ? (enabled[current] as number) : -1;
      // Switching away from a task that could go on is a preemption even when that task sleeps.
      const canSwitch = cur < 0 || this.used + 1 <= this.bound;
      if (cur >= 0 && !sleep.has(cur)) pick = cur;
      else if (canSwitch) pick = enabled.find((t) => t !== KERNEL && !sleep.has(t));
      if (pick === undefined && how.slip === true && !sleep.has(KERNEL) && this.used + 1 <= this.bound) pick = KERNEL;
    } else if (how.awake === true && sleep.has(pick)) pick = undefined;
    if (pick === undefined) this.block(this.dependencies.footprints.length);
    const forced = how.forcedTo !== undefined;
    return { sched: true, enabled, current, chosen: pick, backtrack: new Set([pick]), done: new Map([[pick, null]]), sleep, ...(forced && { forced }), ...(how.slip === true && { slip: true }) };
  }

  /** A scheduling decision a fairness bound took: recorded so positions stay aligned, never branched on. */
  forced(width: number, choice: number, tasks: RunnableView): void {
    this.catchUp();
    if (this.blocked) throw new ReplayDivergence(SLEEP_BLOCKED);
    const id = tasks.id(choice);
    let node = this.nodes[this.i];
    if (node === undefined) {
      node = this.newSchedNode(tasks, -1, { forcedTo: id, awake: true });
      this.nodes.push(node);
    }
    assert(node.sched && node.chosen === id, `dpor: decision #${this.i} was forced to another task on re-run; the program is not deterministic`);
    this.i++;
    this.seen.push({ sched: true, label: 'sched', choice });
  }

  /** Brings the sleep set up to date with the events recorded since the last decision (call once more after the run). */
  catchUp(): void {
    const log = this.dependencies;
    for (const n = log.footprints.length; this.processed < n; this.processed++) {
      const k = this.processed;
      const t = log.tasks[k] as number;
      const fp = log.footprints[k] as Footprint;
      const o = this.ownerOf(k);
      if (t === KERNEL) {
        const tn = this.tieNode;
        if (tn !== null) {
          // The firing a timer-tie decision chose: explored from that node, and what sleeps next.
          this.tieNode = null;
          const tie = tn.tie as TieChoices;
          const id = tie.ids[tn.pos] as number;
          const had = tie.done.get(id) ?? null;
          tie.done.set(id, had === null ? fp : union(had, fp));
          const next = new Map(tie.sleep);
          for (const [q, f] of tie.done) if (q !== id && f !== null) next.set(q, f);
          for (const [q, f] of next) if (dependentBesidesClock(f, fp)) next.delete(q);
          this.tieSleep = next;
        } else if (this.tieSleep.has(log.timerOf[k] as number) && log.inTie(k, this.tieGroup - 1) && !this.blocked) {
          // The tie's last timer fired without a decision, and it sleeps: this order was explored already.
          this.blocked = true;
          this.blockedAt = k;
        }
        if (o >= 0) {
          // Fired by a time slip: every firing of the slip is the kernel's one step from that node.
          const first = k === 0 || log.slipOf[k - 1] !== o;
          this.explored(o, fp, first);
        } else if (!log.barriers && this.sleep.has(KERNEL) && !this.blocked) {
          // The kernel asleep, firing because no task could run: the run is redundant from here.
          this.blocked = true;
          this.blockedAt = k;
        }
        this.sleep.delete(KERNEL);
        // A timer fired. Without time slips nothing sleeps then (every task is parked); with them,
        // a sleeping step the firing does not touch (it writes the clock) is still the same step.
        for (const [q, f] of this.sleep) if (dependent(f, fp)) this.sleep.delete(q);
        continue;
      }
      // A sleeping task that ran because nothing else could (no decision was asked): the run is redundant from here.
      if (o < 0 && this.sleep.has(t) && !this.blocked) {
        this.blocked = true;
        this.blockedAt = k;
      }
      if (o >= 0) this.explored(o, fp, true);
      for (const [q, f] of this.sleep) if (q === t || dependent(f, fp)) this.sleep.delete(q);
    }
  }

  /**
   * Records at node `o` the footprint of the step its choice took (the step may differ
   * between branches of a later decision inside it, a select case: keep all it touched);
   * on the step's first event, the sleep set becomes the node's plus its other explored choices.
   */
  private explored(o: number, fp: Footprint, first: boolean): void {
    const node = this.nodes[o] as SchedNode;
    const had = node.done.get(node.chosen) ?? null;
    node.done.set(node.chosen, had === null ? fp : union(had, fp));
    if (!first) return;
    const next = new Map(node.sleep);
    for (const [q, f] of node.done) if (q !== node.chosen && f !== null) next.set(q, f);
    this.sleep = next;
  }
}
