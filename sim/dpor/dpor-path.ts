/**
 * One run of source-DPOR: a strategy that follows the exploration tree's current path
 * (its decisions so far), then extends it, and keeps the run's sleep set as it goes. A
 * scheduling decision becomes a {@link SchedNode} (which task runs, with source-DPOR's
 * backtrack set, the tasks explored from it and the sleep set it was reached with); every
 * other decision (a select case, a timer tie, a time slip, a fault, a draw) becomes an
 * {@link OtherNode}, a full branching point. A new scheduling decision whose every
 * runnable task is asleep ends the run as redundant (sleep-set blocked): each of them was
 * explored from an equivalent state already.
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
  /** Taken by a decorator (a fairness bound), not by the exploration: it has no alternatives. */
  readonly forced?: boolean;
}

/** Any other decision: explored in full. */
export interface OtherNode {
  readonly sched: false;
  readonly width: number;
  readonly label: string;
  /** Whether any choice but the first costs one unit of the preemption bound (a time slip). */
  readonly costly: boolean;
  pos: number;
  /** A timer tie whose timers touch nothing in common: every order is one class, so only this one is run. */
  independentTie?: boolean;
  /** For a timer tie: which timers it chose among, and a sleep set over them (see {@link TieChoices}). */
  readonly tie?: TieChoices;
  /**
   * For a time slip: explored firing first (then not), and the initials of the races its
   * firings had with later steps, to seed the scheduling decision that follows "not"
   * (running one of them instead of the slip reverses the race).
   */
  readonly slip?: { readonly pending: number[][] };
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

/**
 * Source-DPOR's rule for one race at `node`: unless one of the reversal's initials is
 * explored from there already, add one that can run there, awake if any. False when none
 * can run there (the race's first step enabled the second: not reversible).
 */
export function addInitial(node: SchedNode, init: readonly number[]): boolean {
  if (init.some((q) => node.backtrack.has(q))) return true;
  const runnable = init.filter((q) => node.enabled.includes(q));
  if (runnable.length === 0) return false;
  node.backtrack.add(runnable.find((q) => !node.sleep.has(q)) ?? (runnable[0] as number));
  return true;
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
      const slip = l === Labels.timeSlip;
      // A slip fires first (its races then seed the branch that does not fire), when the bound allows.
      const first = slip && width === 2 && this.used + 1 <= this.bound ? 1 : pos;
      node = { sched: false, width, label: l.name, costly: slip, pos: first, ...(tie !== undefined && { tie }), ...(slip && width === 2 && { slip: { pending: [] } }) };
      if (tie !== undefined) tie.done.set(tie.ids[pos] as number, null);
      this.nodes.push(node);
    }
    assert(!node.sched && node.width === width && node.label === l.name, `dpor: decision #${this.i} is ${l.name} of width ${width} on re-run, not what the path recorded; the program is not deterministic`);
    if (node.tie !== undefined) this.tieNode = node;
    if (node.costly && node.pos > 0) this.used++;
    this.i++;
    this.seen.push({ sched: false, label: l.name, choice: node.pos });
    return node.pos;
  }

  chooseTask(width: number, current: number, tasks: RunnableView): number {
    this.catchUp();
    if (this.blocked) throw new ReplayDivergence(SLEEP_BLOCKED);
    let node = this.nodes[this.i];
    if (node === undefined) {
      const enabled: number[] = [];
      for (let k = 0; k < width; k++) enabled.push(tasks.id(k));
      const sleep = new Map(this.sleep);
      const cur = current >= 0 ? (enabled[current] as number) : -1;
      const pick = cur >= 0 && !sleep.has(cur) ? cur : enabled.find((t) => !sleep.has(t));
      if (pick === undefined) this.block(this.dependencies.footprints.length);
      node = { sched: true, enabled, current, chosen: pick, backtrack: new Set([pick]), done: new Map([[pick, null]]), sleep };
      this.seedFromSlip(node);
      this.nodes.push(node);
    }
    assert(node.sched && node.enabled.length === width, `dpor: decision #${this.i} is a scheduling decision of width ${width} on re-run, not what the path recorded; the program is not deterministic`);
    const idx = tasks.indexOf(node.chosen);
    assert(idx >= 0, `dpor: task ${node.chosen} is not runnable on re-run; the program is not deterministic`);
    if (node.current >= 0 && node.enabled[node.current] !== node.chosen) this.used++;
    this.i++;
    this.seen.push({ sched: true, label: 'sched', choice: idx });
    return idx;
  }

  /** A scheduling decision right after a slip not taken: each race a firing of that slip had gets a task to run instead. */
  private seedFromSlip(node: SchedNode): void {
    const prev = this.nodes[this.i - 1];
    if (prev === undefined || prev.sched || prev.slip === undefined || prev.pos !== 0) return;
    for (const init of prev.slip.pending) addInitial(node, init);
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

  /** A scheduling decision a fairness bound took: recorded so positions stay aligned, never branched on. */
  forced(width: number, choice: number, tasks: RunnableView): void {
    this.catchUp();
    if (this.blocked) throw new ReplayDivergence(SLEEP_BLOCKED);
    const id = tasks.id(choice);
    let node = this.nodes[this.i];
    if (node === undefined) {
      if (this.sleep.has(id)) this.block(this.dependencies.footprints.length);
      const enabled: number[] = [];
      for (let k = 0; k < width; k++) enabled.push(tasks.id(k));
      node = { sched: true, forced: true, enabled, current: -1, chosen: id, backtrack: new Set([id]), done: new Map([[id, null]]), sleep: new Map(this.sleep) };
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
        // A timer fired. Without time slips nothing sleeps then (every task is parked); with them,
        // a sleeping step the firing does not touch (it writes the clock) is still the same step.
        for (const [q, f] of this.sleep) if (dependent(f, fp)) this.sleep.delete(q);
        continue;
      }
      const s = log.sched[k] as number;
      // A sleeping task that ran because nothing else could (no decision was asked): the run is redundant from here.
      if (s < 0 && this.sleep.has(t) && !this.blocked) {
        this.blocked = true;
        this.blockedAt = k;
      }
      if (s >= 0) {
        const node = this.nodes[s] as SchedNode;
        // The step may differ between branches of a later decision inside it (a select case): keep all it touched.
        const had = node.done.get(node.chosen) ?? null;
        node.done.set(node.chosen, had === null ? fp : union(had, fp));
        const next = new Map(node.sleep);
        for (const [q, f] of node.done) if (q !== node.chosen && f !== null) next.set(q, f);
        this.sleep = next;
      }
      for (const [q, f] of this.sleep) if (q === t || dependent(f, fp)) this.sleep.delete(q);
    }
  }
}
