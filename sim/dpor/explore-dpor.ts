/**
 * Source-DPOR with sleep sets (Abdulla, Aronis, Jonsson and Sagonas, "Optimal dynamic
 * partial order reduction", POPL 2014, Algorithm 1), stateless: every run re-executes the
 * program from the start along the tree's current path. After a run, each reversible race
 * (i, j) adds to the backtrack set of the scheduling decision before `i` one initial of
 * `notdep(i).j`, unless one is there already or asleep there; a race of a step and the
 * task it woke or spawned is skipped (it is not reversible). Then the deepest decision with a task in
 * its backtrack set that is neither explored nor asleep (or, for any other decision, an
 * untried choice) is taken next. Every complete run is then of its own Mazurkiewicz class,
 * and every class has a run (for programs whose shared memory is tracked or synchronised).
 */
import { classSignature, hashSignature } from './class-signature.ts';
import { addInitial, DporPath, preemptionCost, type DporNode } from './dpor-path.ts';
import { initials, orderEvents, reversibleRaces } from './event-order.ts';
import { dependentBesidesClock, KERNEL, PENDING_FIRING, TIMERS, type DependencyLog, type Footprint } from './dependency-log.ts';
import { assert } from '../assert.ts';
import { Labels } from '../label.ts';
import type { Strategy } from '../strategy/strategy.ts';

/** How far an exploration got, for progress lines. */
export interface ExploreProgress {
  readonly schedules: number;
  readonly classes: number;
  readonly redundant: number;
  /** Decisions of the last run. */
  readonly depth: number;
}

/** Options of {@link exploreDpor}. */
export interface DporOptions {
  /** Maximum preemptions per schedule (Infinity: none); with a bound the reduction may miss schedules. */
  readonly preemptionBound?: number;
  readonly maxSchedules?: number;
  readonly stopAtFirstFailure?: boolean;
  /** Called after every run. */
  readonly onProgress?: (p: ExploreProgress) => void;
  /** Test-only: a way to break the algorithm, to show that the oracle notices. */
  readonly sabotage?: 'no-backtrack' | 'no-sleep-check' | 'any-tie-independent' | 'no-pending-firing' | 'no-changed-firing';
}

/** The result of a reduced exploration. */
export interface DporResult<R> {
  readonly schedules: number;
  readonly exhausted: boolean;
  /** Complete runs, each of a distinct class (counted by signature). */
  readonly classes: number;
  /** Runs that ended sleep-set blocked. */
  readonly redundant: number;
  readonly failures: ReadonlyArray<{ readonly schedule: number; readonly result: R }>;
  /** The class signature hash of every complete run, in order (tests compare them with plain DFS's). */
  readonly signatures: readonly number[];
}

/** Explores `runOnce` under source-DPOR. */
export function exploreDpor<R>(runOnce: (s: Strategy) => R, isFailure: (r: R) => boolean, opts: DporOptions = {}): DporResult<R> {
  const bound = opts.preemptionBound ?? Number.POSITIVE_INFINITY;
  const max = opts.maxSchedules ?? 100_000;
  const stopFirst = opts.stopAtFirstFailure ?? true;
  const failures: Array<{ schedule: number; result: R }> = [];
  const classes = new Set<number>();
  const signatures: number[] = [];
  const nodes: DporNode[] = [];
  let schedules = 0;
  let redundant = 0;
  const done = (exhausted: boolean): DporResult<R> => ({ schedules, exhausted, classes: classes.size, redundant, failures, signatures });
  for (;;) {
    if (schedules >= max) return done(false);
    const path = new DporPath(nodes, bound);
    const result = runOnce(path);
    schedules++;
    path.catchUp();
    nodes.length = Math.min(nodes.length, path.depth);
    if (path.blocked) redundant++;
    else {
      const h = hashSignature(classSignature(path.dependencies, path.seen));
      classes.add(h);
      signatures.push(h);
    }
    opts.onProgress?.({ schedules, classes: classes.size, redundant, depth: path.depth });
    if (!path.blocked && isFailure(result)) {
      failures.push({ schedule: schedules, result });
      if (stopFirst) return done(false);
    }
    if (opts.sabotage !== 'no-backtrack') {
      addBacktracks(path, nodes, opts.sabotage);
      expandCutShort(path, nodes);
    }
    markIndependentTies(path, nodes, opts.sabotage === 'any-tie-independent');
    if (!advance(nodes, bound, opts.sabotage === 'no-sleep-check')) return done(true);
  }
}

/** Source-DPOR's race step over the whole run. */
function addBacktracks(path: DporPath, nodes: DporNode[], sabotage: DporOptions['sabotage']): void {
  const log = path.dependencies;
  const pending = log.firingDisabledAtEnd && !path.blocked && sabotage !== 'no-pending-firing' ? PENDING_FIRING : null;
  const order = orderEvents(log, path.blockedAt, pending);
  for (const [i, j] of reversibleRaces(order)) {
    if (woke(log, i, j)) continue;
    // The decision before `i` (for a firing, the time slip that fired it): running an initial there reverses the race.
    const node = nodes[path.ownerOf(i)];
    if (node === undefined || !node.sched || node.forced === true) continue;
    addInitial(node, initials(order, i, j), sabotage === 'no-sleep-check');
  }
  // A step that armed or disarmed a timer where the kernel could fire changed (or ended) what it
  // would fire: that firing never ran, so it races with the step through nothing logged.
  if (sabotage === 'no-changed-firing') return;
  for (let k = 0; k < log.length; k++) {
    if (log.tasks[k] === KERNEL || !(log.footprints[k] as Footprint).includes(TIMERS * 2)) continue;
    const node = nodes[path.ownerOf(k)];
    if (node !== undefined && node.sched && node.slip === true) addInitial(node, [KERNEL]);
  }
}

/**
 * Whether event `i` woke (or spawned) the task of event `j`, just before `j`. Then `j`
 * could not have run before `i` (a race through the wake is the enabling, not a reversible
 * conflict); another order, where something else wakes the task, comes from the race
 * between the two wakers, which both write the task's object.
 */
function woke(log: DependencyLog, i: number, j: number): boolean {
  return log.enabledBy[j] === i;
}

/**
 * A run that ended while tasks could still run (a panic, a budget) never ran their next
 * steps, so no race with them was seen: the scheduling decision that chose the ending
 * step tries every task it could have run instead.
 */
function expandCutShort(path: DporPath, nodes: DporNode[]): void {
  const log = path.dependencies;
  if (!log.cutShort || path.blocked) return;
  for (let k = log.length - 1; k >= 0; k--) {
    const o = path.ownerOf(k);
    // A timer fired because no task could run decided nothing: the step before it ended the run.
    if (log.tasks[k] === KERNEL && o < 0) continue;
    const node = nodes[o];
    if (node === undefined || !node.sched || node.forced === true) return;
    for (const q of node.enabled) node.backtrack.add(q);
    return;
  }
}

/**
 * Marks the run's timer ties whose timers all fired and touch nothing in common (the
 * clock aside: they all read the same instant) as independent: any order of them reaches
 * the same state, so their other orders are not explored. A tie where one timer disarmed
 * a peer, or two touch one object, keeps every order. Only where kernel events are
 * barriers: with time slips a firing may also move past a task's step.
 */
function markIndependentTies(path: DporPath, nodes: DporNode[], anyTie = false): void {
  const log = path.dependencies;
  if (!log.barriers) return;
  for (const g of log.ties) {
    if (g.fired !== g.due) continue;
    const last = g.first + g.due;
    let independent = last <= log.length;
    for (let a = g.first; independent && !anyTie && a < last; a++) {
      assert(log.tasks[a] === KERNEL, 'dpor: a timer tie holds a task step');
      for (let b = a + 1; independent && b < last; b++) if (dependentBesidesClock(log.footprints[a] as Footprint, log.footprints[b] as Footprint)) independent = false;
    }
    if (!independent) continue;
    // Every firing but the last was chosen by a timer-tie decision, taken just before it began.
    for (let k = g.first; k < last - 1; k++) {
      const node = nodes[(log.firstDecision[k] as number) - 1];
      assert(node !== undefined && !node.sched && node.label === Labels.timerTie.name, 'dpor: a timer tie\'s firing does not follow its decision');
      node.independentTie = true;
    }
  }
}

/** Moves the tree's path to the next unexplored branch (within the bound); false when none is left. */
function advance(nodes: DporNode[], bound: number, ignoreSleep: boolean): boolean {
  const before: number[] = [];
  let p = 0;
  for (const n of nodes) {
    before.push(p);
    if (n.sched) p += preemptionCost(n, n.chosen);
  }
  for (let d = nodes.length - 1; d >= 0; d--) {
    const n = nodes[d] as DporNode;
    const used = before[d] as number;
    if (!n.sched) {
      if (n.independentTie === true) continue;
      const tie = n.tie;
      if (tie !== undefined) {
        // A timer tie: the next timer neither explored from here nor asleep.
        const next = tie.ids.findIndex((id) => !tie.done.has(id) && !tie.sleep.has(id));
        if (next < 0) continue;
        n.pos = next;
        tie.done.set(tie.ids[next] as number, null);
        nodes.length = d + 1;
        return true;
      }
      if (n.pos + 1 < n.width) {
        n.pos++;
        nodes.length = d + 1;
        return true;
      }
      continue;
    }
    if (n.forced === true) continue;
    for (const q of n.enabled) {
      if (!n.backtrack.has(q) || n.done.has(q) || (!ignoreSleep && n.sleep.has(q))) continue;
      if (used + preemptionCost(n, q) > bound) continue;
      n.chosen = q;
      n.done.set(q, null);
      nodes.length = d + 1;
      return true;
    }
  }
  return false;
}
