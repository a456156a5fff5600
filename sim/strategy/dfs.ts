/**
 * Exhaustive depth-first search over decision sequences, stateless (CHESS-style): each
 * schedule re-runs the program from the start, following a decision prefix and then
 * the first alternative of every new decision; backtracking bumps the deepest decision
 * that still has an untried alternative. A preemption bound limits how many times a
 * schedule may switch away from a task that could still run; a time slip (a timer fired
 * early while tasks could run) counts against the same bound, so exploring time stays
 * bounded too.
 */
import { assert } from '../assert.ts';
import { classSignature, hashSignature, type SeenDecision } from '../dpor/class-signature.ts';
import { DependencyLog } from '../dpor/dependency-log.ts';
import { exploreDpor, type DporOptions, type ExploreProgress } from '../dpor/explore-dpor.ts';
import { Labels, type Label } from '../label.ts';
import type { RunnableView, Strategy } from './strategy.ts';

interface Step {
  readonly width: number;
  /** Position in this decision's preference order (0 = first tried). */
  pos: number;
  /** For scheduling decisions: the index of the task that could keep running, else -1. */
  readonly current: number;
  /** Whether any alternative but the first costs one unit of the preemption bound. */
  readonly costly: boolean;
}

/** Follows a prefix of preference positions, then takes position 0 for new decisions. */
class DfsPath implements Strategy {
  readonly name = 'dfs';
  readonly steps: Step[] = [];
  private i = 0;
  /** Set when classes are counted: the kernel records the dependency relation into it. */
  readonly dependencies?: DependencyLog;
  /** With {@link dependencies}: every decision as taken. */
  readonly seen: SeenDecision[] = [];

  constructor(
    private readonly prefix: readonly number[],
    record: boolean,
  ) {
    if (record) this.dependencies = new DependencyLog();
  }

  choose(width: number, l: Label): number {
    const c = this.take(width, -1, l === Labels.timeSlip);
    if (this.dependencies) this.seen.push({ sched: false, label: l.name, choice: c });
    return c;
  }

  chooseTask(width: number, current: number, _tasks?: RunnableView): number {
    const c = this.take(width, current, current >= 0);
    if (this.dependencies) this.seen.push({ sched: true, label: 'sched', choice: c });
    return c;
  }

  private take(width: number, current: number, costly: boolean): number {
    const pos = this.i < this.prefix.length ? (this.prefix[this.i] as number) : 0;
    assert(pos < width, `dfs: decision #${this.i} has width ${width} on re-run but the prefix asks for position ${pos}; the program is not deterministic`);
    this.i++;
    this.steps.push({ width, pos, current, costly });
    return actual(pos, current);
  }
}

/** Maps a preference position to a choice: a task that can keep running is tried first. */
function actual(pos: number, current: number): number {
  if (current < 0) return pos;
  if (pos === 0) return current;
  return pos - 1 < current ? pos - 1 : pos;
}

/** Options of {@link explore}. */
export interface ExploreOptions {
  /** Maximum preemptions per schedule; Infinity for none. */
  readonly preemptionBound?: number;
  /** Stop after this many schedules (the space is then reported as not exhausted). */
  readonly maxSchedules?: number;
  /** Stop at the first failing schedule (default true). */
  readonly stopAtFirstFailure?: boolean;
  /**
   * `none` (default): every schedule; `dpor`: source-DPOR with sleep sets over scheduling
   * decisions (one run per Mazurkiewicz class; every other decision still explored in full).
   */
  readonly reduction?: 'none' | 'dpor';
  /** With `none`: also count the Mazurkiewicz classes of the runs (records the dependency relation: slower). */
  readonly countClasses?: boolean;
  /** Called after every run. */
  readonly onProgress?: (p: ExploreProgress) => void;
  /** Test-only, with `dpor`: see {@link DporOptions.sabotage}. */
  readonly sabotage?: DporOptions['sabotage'];
}

/** The result of an exploration. */
export interface ExploreResult<R> {
  /** Schedules run. */
  readonly schedules: number;
  /** True when every schedule within the bound was run. */
  readonly exhausted: boolean;
  /** Failing runs, with the strategy-independent choices that reproduce them. */
  readonly failures: ReadonlyArray<{ readonly schedule: number; readonly result: R }>;
  /** The reduction used. */
  readonly reduction: 'none' | 'dpor';
  /** Mazurkiewicz classes of the complete runs; null when not counted (`none` without `countClasses`). */
  readonly classes: number | null;
  /** Runs that ended sleep-set blocked (always 0 without reduction). */
  readonly redundant: number;
  /** With classes counted: each complete run's class, as a signature hash, in run order. */
  readonly signatures: readonly number[];
}

/**
 * Explores every schedule of `runOnce` (which must build and run a fresh simulation
 * with the given strategy) within the bounds.
 * @param isFailure - whether a run's result counts as a failure.
 */
export function explore<R>(runOnce: (s: Strategy) => R, isFailure: (r: R) => boolean, opts: ExploreOptions = {}): ExploreResult<R> {
  if (opts.reduction === 'dpor') return { ...exploreDpor(runOnce, isFailure, opts), reduction: 'dpor' };
  const bound = opts.preemptionBound ?? Number.POSITIVE_INFINITY;
  const max = opts.maxSchedules ?? 100_000;
  const stopFirst = opts.stopAtFirstFailure ?? true;
  const record = opts.countClasses ?? false;
  const failures: Array<{ schedule: number; result: R }> = [];
  const classes = new Set<number>();
  const signatures: number[] = [];
  let prefix: number[] = [];
  let schedules = 0;
  const done = (exhausted: boolean): ExploreResult<R> => ({ schedules, exhausted, failures, reduction: 'none', classes: record ? classes.size : null, redundant: 0, signatures });
  for (;;) {
    if (schedules >= max) return done(false);
    const path = new DfsPath(prefix, record);
    const result = runOnce(path);
    schedules++;
    if (path.dependencies) {
      const h = hashSignature(classSignature(path.dependencies, path.seen));
      classes.add(h);
      signatures.push(h);
    }
    opts.onProgress?.({ schedules, classes: classes.size, redundant: 0, depth: path.steps.length });
    if (isFailure(result)) {
      failures.push({ schedule: schedules, result });
      if (stopFirst) return done(false);
    }
    const next = backtrack(path.steps, bound);
    if (next === null) return done(true);
    prefix = next;
  }
}

function backtrack(steps: readonly Step[], bound: number): number[] | null {
  const preemptionsBefore: number[] = [];
  let p = 0;
  for (const s of steps) {
    preemptionsBefore.push(p);
    if (s.costly && s.pos > 0) p++;
  }
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i] as Step;
    if (s.pos + 1 >= s.width) continue;
    const cost = s.costly ? 1 : 0;
    if ((preemptionsBefore[i] as number) + cost > bound) continue;
    const prefix = steps.slice(0, i).map((x) => x.pos);
    prefix.push(s.pos + 1);
    return prefix;
  }
  return null;
}
