/**
 * The simulation kernel: runs generator tasks one step at a time on a virtual clock,
 * asking a {@link Strategy} for every choice and recording each in the decision log.
 */
import { assert, fail, KernelAssertionError } from './assert.ts';
import { Chan, Waiter, type Waker } from './channel.ts';
import { GoPanic, RunAbort } from './errors.ts';
import { K, type Effect, type Proc, type SelectEffect } from './effects.ts';
import { openGuard, type GuardSession } from './guard.ts';
import { Labels, type Label } from './label.ts';
import type { BlockedTask, Outcome, OutcomeKind } from './outcome.ts';
import { DecisionLog } from './strategy/decision-log.ts';
import { ReplayDivergence } from './strategy/replay.ts';
import { askStrategy, choiceProblem } from './strategy/ask.ts';
import type { RunnableView, Strategy } from './strategy/strategy.ts';
import { Task, TaskState, type TaskInfo } from './task.ts';
import type { KernelGauges, TimeObserver } from './gauges.ts';
import type { PreRun } from './prerun.ts';
import type { Watchdog } from './watchdog.ts';
import { TimerHeap, type TimerEntry } from './timer-heap.ts';
import { setActiveRaces } from './race/active.ts';
import { ABORT, CLOCK, EXITS, KERNEL, RUN_END, setActiveDependencies, TIMERS, type DependencyLog } from './dpor/dependency-log.ts';
import type { DataRace } from './race/report.ts';
import { Races } from './race/runtime.ts';
import { formatTime, sec, type Micros } from './time.ts';
import { BLOCKED, Op, Trace, type ResourceTransition } from './trace/trace.ts';

/**
 * How far one time slip may move the clock: a slip models a goroutine slow to be scheduled
 * (a GC pause, a CPU-throttled process), not a machine that stalls for tens of seconds:
 * one unbounded slip of 40 s once starved a runnable task past a 60 s deadline that no real
 * schedule reaches. Whether a slip can be offered still depends only on the clock and the
 * pending timers, which the reduction's dependency relation already covers.
 */
export const MAX_SLIP: Micros = sec(1);

/** Options of one run. */
export interface SimOptions {
  /** Where decisions come from. */
  readonly strategy: Strategy;
  /** Step budget; reaching it ends the run with `step-budget`. Default 10,000,000. */
  readonly maxSteps?: number;
  /** Virtual-time budget; passing it ends the run with `time-budget`. Default 24 h. */
  readonly maxTime?: Micros;
  /** Clean end of the run (the scenario's end): outcome `stopped`, live tasks listed. */
  readonly until?: Micros;
  /** Offer "fire the next timer now" as a decision while tasks are runnable. */
  readonly timeSlip?: boolean;
  /** Keep every trace event (default true); false keeps only the hash. */
  readonly keepTrace?: boolean;
  /** Trap the host's clocks, randomness and event loop during the run (default true). */
  readonly guard?: boolean;
  /** The decisions drawn before the run (configuration, swarm switches); its log is continued. */
  readonly preRun?: PreRun;
  /** A read-only observer called whenever virtual time advances (see {@link TimeObserver}). */
  readonly observer?: TimeObserver;
  /** A host resource check (heap, wall clock), outside determinism: see {@link Watchdog}. */
  readonly watchdog?: Watchdog;
  /** Happens-before tracking and data-race detection (default true); false skips all of it. */
  readonly races?: boolean;
  /** Test-only: record every synchronisation and tracked access at the Go memory model's level ({@link Sim.races}'s log). */
  readonly raceLog?: boolean;
}

/** Everything a run produced. */
export interface RunResult {
  readonly outcome: Outcome;
  /** Non-daemon tasks alive at the end (empty after `ok`). */
  readonly live: readonly BlockedTask[];
  readonly steps: number;
  readonly time: Micros;
  readonly traceHash: string;
  readonly trace: Trace;
  readonly decisions: DecisionLog;
  /** Names of tasks by id, for renderers. */
  readonly taskNames: readonly string[];
  /** Names of channels by id, for renderers. */
  readonly chanNames: readonly string[];
  /** Data races found (one per location group and pair of sites); empty when race detection is off. */
  readonly races: readonly DataRace[];
}

/** A timer as Go ≥ 1.23 defines it: stop and reset never leave a stale value behind. */
export interface Timer {
  /** The channel the expiry time is delivered on. */
  readonly C: Chan<Micros>;
  /** Disarms; true when the timer was armed and its value not yet received. */
  stop(): boolean;
  /** Re-arms for `d` from now; returns what {@link stop} would have. */
  reset(d: Micros): boolean;
}

/** The kernel. One instance runs one simulation. */
export class Sim implements Waker {
  /** Current virtual time (read it through {@link now}). */
  private clock: Micros = 0;
  /** Steps taken so far (read it through {@link steps}). */
  private stepCount = 0;
  /** The task being stepped, or null in kernel context (read it through {@link current}). */
  private running: Task | null = null;
  /** Recorded decisions (those of the pre-run phase first, when there was one). */
  readonly decisions: DecisionLog;
  /** The trace. */
  readonly trace: Trace;

  private readonly strategy: Strategy;
  private readonly tasks: Task[] = [];
  private readonly runnable: Task[] = [];
  /**
   * `runIds[i]` is the id of `runnable[i]`, and `runPos[id]` the index of a runnable task
   * in `runnable` (-1 when not runnable). Kept in typed arrays so that removing a task from
   * the middle of `runnable` (swap with the last) never touches the moved task's object,
   * which with thousands of tasks is a cache miss per park.
   */
  private runIds = new Int32Array(64);
  private runPos = new Int32Array(64).fill(-1);
  private readonly timers = new TimerHeap();
  private readonly chanNames: string[] = [];
  private liveNonDaemon = 0;
  private readonly maxSteps: number;
  private readonly maxTime: Micros;
  private readonly until: Micros;
  /** Whether "fire the next timer now" is offered as a decision. */
  private readonly timeSlip: boolean;
  /** A replay divergence found while the pre-run decisions were drawn: the run ends with it at once. */
  private readonly preRunDivergence: string | null;
  /** What strategies see of the runnable set. */
  private readonly runnableView: RunnableView;
  private readonly guard: boolean;
  private aborted: Outcome | null = null;
  private finished = false;
  private readonly readyScratch: number[] = [];
  private readonly finalizers: Array<() => void> = [];
  private readonly slipList: { readonly from: Micros; readonly to: Micros }[] = [];
  /** Observer of time advances, and whether it is running (it may not decide, spawn or arm timers). */
  private readonly observer: TimeObserver | null;
  private observing = false;
  /** Tasks that finished, and the channels with a buffer: what the gauges count from. */
  private doneCount = 0;
  private readonly bufferedChans: Chan[] = [];
  /** The gauges' read-only view of this kernel. */
  readonly gauges: KernelGauges;
  private readonly watchdog: Watchdog | null;
  /** Loop iterations left before the next watchdog check. */
  private watchCountdown: number;
  /** @internal Happens-before state, or null when race detection is off. */
  readonly races: Races | null;
  /** The dependency log of an explored run (the strategy's), else null. */
  private readonly deps: DependencyLog | null;

  constructor(opts: SimOptions) {
    this.deps = opts.strategy.dependencies ?? null;
    if (this.deps !== null) this.deps.barriers = !(opts.timeSlip ?? false);
    // Objects of the setup get their ids from it; a run without one resets any stale log.
    setActiveDependencies(this.deps);
    this.watchdog = opts.watchdog ?? null;
    assert(this.watchdog === null || (Number.isInteger(this.watchdog.every) && this.watchdog.every > 0), 'a watchdog checks every positive whole number of iterations');
    this.watchCountdown = this.watchdog?.every ?? 0;
    this.strategy = opts.strategy;
    this.maxSteps = opts.maxSteps ?? 10_000_000;
    this.maxTime = opts.maxTime ?? sec(86_400);
    this.until = opts.until ?? Number.POSITIVE_INFINITY;
    this.timeSlip = opts.timeSlip ?? false;
    this.guard = opts.guard ?? true;
    this.trace = new Trace(opts.keepTrace ?? true);
    const pre = opts.preRun;
    if (pre !== undefined) assert(pre.strategy === opts.strategy, 'the pre-run phase and the run must share one strategy');
    this.decisions = pre?.decisions ?? new DecisionLog();
    this.preRunDivergence = pre?.divergence ?? null;
    if (pre?.leak != null) this.aborted = this.outcome('nondeterminism', pre.leak);
    pre?.close();
    this.runnableView = new KernelRunnableView(this);
    this.observer = opts.observer ?? null;
    this.gauges = new KernelGaugeView(this);
    this.races = opts.races === false ? null : new Races(this, opts.raceLog ?? false);
  }

  /** @internal Live tasks that are blocked. */
  get parkedCount(): number {
    return this.tasks.length - this.doneCount - this.runnable.length;
  }

  /** @internal Values in channel buffers, summed over every buffered channel. */
  get bufferedCount(): number {
    let n = 0;
    for (const c of this.bufferedChans) n += c.buf.length;
    return n;
  }

  /** Current virtual time. */
  get now(): Micros {
    this.deps?.touch(CLOCK, false);
    return this.clock;
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.stepCount;
  }

  /** The task being stepped (its id and name), or null in kernel context (timers). */
  get current(): TaskInfo | null {
    return this.running;
  }

  /** @internal The id of the `i`-th runnable task (the strategies' read-only view). */
  runnableId(i: number): number {
    return this.runIds[i] as number;
  }

  /** @internal The index of task `id` in the runnable set, or -1 when it is not runnable. */
  runnableIndex(id: number): number {
    return id < this.runPos.length ? (this.runPos[id] as number) : -1;
  }

  /** @internal Number of runnable tasks. */
  get runnableCount(): number {
    return this.runnable.length;
  }

  /** Each time slip that moved the clock while tasks were runnable (from, to): time no runnable task could use. */
  get slips(): readonly { readonly from: Micros; readonly to: Micros }[] {
    return this.slipList;
  }

  /** Whether the task with this id has finished (returned or panicked); false for an unknown id. */
  taskEnded(id: number): boolean {
    const t = this.tasks[id];
    return t !== undefined && t.state === TaskState.Done;
  }

  /** @internal The name of a task by id. */
  taskName(id: number): string {
    return (this.tasks[id] as Task).name;
  }

  // ---------------------------------------------------------------- decisions

  /**
   * One labelled decision in [0, width): asks the strategy (unless width is 1) and records it.
   * Every nondeterministic choice of a run goes through here.
   */
  decide(width: number, l: Label): number {
    if (!Number.isInteger(width) || width < 1) fail(`decision ${l.name} needs a positive integer width, got ${width}`);
    if (width === 1) return 0;
    return this.ask(width, l, null);
  }

  /**
   * A decision among `weights.length` outcomes (all weights positive). Its width is the
   * number of outcomes, so exhaustive search tries each outcome once; random strategies
   * draw outcome i with probability weights[i] / sum. Recorded like any decision.
   */
  decideWeighted(weights: readonly number[], l: Label): number {
    const width = weights.length;
    if (width === 0) fail(`weighted decision ${l.name} needs at least one outcome`);
    for (const w of weights) if (!(w > 0)) fail(`weighted decision ${l.name} has a non-positive weight ${w}`);
    if (width === 1) return 0;
    return this.ask(width, l, weights);
  }

  /** Asks the strategy for a decision of width ≥ 2, checks the answer and records it. */
  private ask(width: number, l: Label, weights: readonly number[] | null): number {
    if (this.observing) fail(`an observer took decision ${l.name}: observers are read-only`);
    let c: number;
    try {
      c = askStrategy(this.strategy, width, l, weights);
    } catch (err) {
      if (err instanceof ReplayDivergence) this.abort('replay-divergence', err.message);
      throw err;
    }
    this.checkChoice(c, width, l);
    this.decisions.push(l, width, c);
    return c;
  }

  private checkChoice(c: number, width: number, l: Label): void {
    const bad = choiceProblem(this.strategy, c, width, l);
    if (bad !== null) this.abort('kernel-assertion', bad);
  }

  // ---------------------------------------------------------------- objects

  /** Makes a channel. `cap` 0 is a rendezvous channel. */
  chan<T>(cap = 0, name?: string): Chan<T> {
    const id = this.chanNames.length;
    const n = name ?? `chan#${id}`;
    this.chanNames.push(n);
    const c = new Chan<T>(this, id, cap, n, this.races);
    if (cap > 0) this.bufferedChans.push(c as Chan);
    return c;
  }

  /**
   * Makes a signal channel: unbuffered, never sent on, only closed (what a context's
   * `Done()` or a "closed" channel is in Go). Waiting on it carries less dependency for
   * partial-order reduction than waiting on a channel that carries values.
   */
  signal(name?: string): Chan<never> {
    return this.chan<never>(0, name).signal();
  }

  /**
   * Spawns a task (Go's `go` statement). It becomes runnable at once; the spawner keeps
   * running until its next yield.
   */
  spawn(name: string, body: () => Proc<unknown>, opts?: { daemon?: boolean }): Task {
    if (this.finished) fail(`spawn of ${name} after the run ended`);
    if (this.observing) fail(`an observer spawned ${name}: observers are read-only`);
    const daemon = opts?.daemon ?? false;
    const t = new Task(this.tasks.length, name, body(), daemon, this.running);
    if (this.races !== null) t.thread = this.races.spawn(name);
    const deps = this.deps;
    if (deps !== null) {
      t.oid = deps.newTask(t.id);
      t.woid = deps.newId();
      deps.touch(t.oid, true);
      deps.recordWake(t.id);
    }
    this.tasks.push(t);
    if (t.id >= this.runPos.length) this.growRunArrays();
    if (!daemon) this.liveNonDaemon++;
    this.makeRunnable(t);
    this.strategy.onSpawn?.(t.id, this.running?.id ?? -1);
    this.trace.recordText(this.stepCount, this.clock, this.running?.id ?? -1, Op.Spawn, t.id, name);
    return t;
  }

  /** Arms a kernel timer that runs `fire` at `now + d`. */
  schedule(d: Micros, what: string, fire: () => void): TimerEntry {
    if (!Number.isFinite(d)) fail(`timer ${what} needs a finite duration`);
    if (this.observing) fail(`an observer armed timer ${what}: observers are read-only`);
    const deps = this.deps;
    deps?.touch(CLOCK, false);
    deps?.timersChanged();
    // Disarming a timer depends on its firing (one disables the other): both touch the timer.
    return this.timers.push(this.clock + Math.max(0, Math.round(d)), what, fire, this.races?.armSnapshot() ?? null, deps === null ? -1 : deps.newId());
  }

  /** Disarms a kernel timer; true when it was still pending. */
  unschedule(e: TimerEntry): boolean {
    const deps = this.deps;
    if (deps !== null) {
      if (e.oid >= 0) deps.touch(e.oid, true);
      deps.timersChanged();
    }
    return this.timers.cancel(e);
  }

  /** Go's `time.After(d)`: a channel that receives the time once, after `d`. */
  after(d: Micros, name = 'time.After'): Chan<Micros> {
    const c = this.chan<Micros>(1, name);
    this.schedule(d, name, () => {
      c.trySend(this.clock);
    });
    return c;
  }

  /** Go's `time.NewTimer(d)` with Go ≥ 1.23 stop/reset semantics. */
  newTimer(d: Micros, name = 'timer'): Timer {
    const c = this.chan<Micros>(1, name);
    let entry: TimerEntry | null = null;
    const arm = (dur: Micros): void => {
      entry = this.schedule(dur, name, () => {
        entry = null;
        c.trySend(this.clock);
      });
    };
    const stop = (): boolean => {
      let active = false;
      if (entry !== null) active = this.unschedule(entry);
      entry = null;
      if (c.drain() > 0) active = true;
      return active;
    };
    arm(d);
    return {
      C: c,
      stop,
      reset: (dur: Micros): boolean => {
        const was = stop();
        arm(dur);
        return was;
      },
    };
  }

  /** Registers a callback run when the run ends, whatever the outcome (used by checkers). */
  onFinish(f: () => void): void {
    this.finalizers.push(f);
  }

  /**
   * Appends a note to the trace on behalf of the current task (a milestone of the system
   * under test). The text is part of the trace hash.
   */
  note(text: string, detail = -1): void {
    this.trace.recordText(this.stepCount, this.clock, this.running?.id ?? -1, Op.Note, detail, text);
  }

  /**
   * Appends a tracked resource's transition to the trace: hashed as `text`, kept with its
   * typed fields so renderers and checkers never parse the text.
   */
  annotate(text: string, detail: number, t: ResourceTransition): void {
    this.trace.recordTransition(this.stepCount, this.clock, this.running?.id ?? -1, Op.Note, detail, text, t);
  }

  /** Ends the run from inside task code (or the kernel) with the given outcome. */
  abort(kind: OutcomeKind, message: string): never {
    if (this.aborted === null) this.aborted = this.outcome(kind, message, this.running?.lineage());
    throw new RunAbort(message);
  }

  // ---------------------------------------------------------------- waking

  /** @internal Makes a parked task runnable. */
  wake(t: Task): void {
    if (t.state !== TaskState.Blocked) fail(`wake of task ${t.name} that is not blocked`);
    const e = t.effect;
    if (e !== null && e.k === K.Select && e.index >= 0 && this.trace.keepEvents) this.noteSelected(t, e);
    t.waitGen++;
    if (t.sleepTimer !== null) {
      this.timers.cancel(t.sleepTimer as TimerEntry);
      t.sleepTimer = null;
    }
    this.makeRunnable(t);
    const deps = this.deps;
    if (deps !== null) {
      deps.touch(t.oid, true);
      deps.touch(t.woid, true);
      deps.recordWake(t.id);
    }
    this.strategy.onWake?.(t.id, this.running?.id ?? -1);
  }

  /** A blocked select is woken with the case that ran: notes it beside the select's blocked event. */
  private noteSelected(t: Task, e: SelectEffect): void {
    const c = e.cases[e.index] as SelectEffect['cases'][number];
    if (c.ch !== null) this.trace.markSelected(t.selectSeq, e.index, c.ch.id, c.dir === 'send');
  }

  /** @internal Makes a parked task runnable and throws `p` into it. */
  wakeWithPanic(t: Task, p: GoPanic): void {
    this.wake(t);
    t.pendingPanic = p;
  }

  private growRunArrays(): void {
    const n = this.runPos.length * 2;
    const ids = new Int32Array(n);
    ids.set(this.runIds);
    this.runIds = ids;
    const pos = new Int32Array(n).fill(-1);
    pos.set(this.runPos);
    this.runPos = pos;
  }

  private makeRunnable(t: Task): void {
    const i = this.runnable.length;
    if (this.runPos[t.id] !== -1) fail(`task ${t.name} is already in the runnable set`);
    t.state = TaskState.Runnable;
    this.runPos[t.id] = i;
    this.runIds[i] = t.id;
    this.runnable.push(t);
  }

  /** Removes runnable task `t` from the runnable set (swapping the last one into its place). */
  private unrun(t: Task): void {
    const r = this.runnable;
    const pos = this.runPos;
    const ids = this.runIds;
    const i = pos[t.id] as number;
    if (i < 0 || r[i] !== t) fail(`task ${t.name} is not where the runnable set says`);
    const lastIdx = r.length - 1;
    if (i !== lastIdx) {
      const lastId = ids[lastIdx] as number;
      r[i] = r[lastIdx] as Task;
      ids[i] = lastId;
      pos[lastId] = i;
    }
    r.pop();
    pos[t.id] = -1;
  }

  private park(t: Task, e: Effect): void {
    if (t.state !== TaskState.Runnable) fail(`park of task ${t.name} that is not runnable`);
    this.unrun(t);
    t.state = TaskState.Blocked;
    t.effect = e;
    this.deps?.touch(t.woid, true);
  }

  // ---------------------------------------------------------------- running

  /**
   * Runs the system's setup (spawning its tasks, building its world) under the
   * nondeterminism guard, like the run itself: a leak there ends the run before its first
   * step. Returns what `setup` returned, or undefined when it leaked.
   */
  guarded<T>(setup: () => T): T | undefined {
    assert(!this.finished, 'setup after the run ended');
    const session = this.openSession();
    try {
      return setup();
    } catch (err) {
      if (!(err instanceof RunAbort) || this.aborted === null) throw err;
      return undefined;
    } finally {
      this.closeSession(session);
    }
  }

  private openSession(): GuardSession | null {
    return this.guard ? openGuard((what) => this.onLeak(what), () => (this.running === null ? null : `task ${this.running.name}`)) : null;
  }

  /** Closes a guarded section; a Promise job it left pending is a leak (unless the run already ended otherwise). */
  private closeSession(session: GuardSession | null): void {
    const late = session?.close() ?? null;
    if (late !== null && this.aborted === null) this.aborted = this.outcome('nondeterminism', late);
  }

  /** Runs until every non-daemon task is done or another outcome ends the run. */
  run(): RunResult {
    assert(!this.finished, 'a Sim runs once');
    const session = this.openSession();
    const races = this.races;
    const outerRaces = setActiveRaces(races);
    if (races !== null) races.cur = null;
    let outcome: Outcome;
    try {
      outcome = this.preRunDivergence !== null ? this.outcome('replay-divergence', this.preRunDivergence) : this.loop();
    } catch (err) {
      // Kernel-context decisions (timer ties, time slips) and choice checks abort by throwing.
      if (!(err instanceof RunAbort) || this.aborted === null) throw err;
      outcome = this.aborted;
    } finally {
      this.closeSession(session);
      setActiveRaces(outerRaces);
      if (this.deps !== null) setActiveDependencies(null);
      races?.afterRun();
    }
    if (this.aborted !== null && this.aborted.kind === 'nondeterminism') outcome = this.aborted;
    if (this.deps !== null && outcome.kind !== 'ok' && this.runnable.length > 0) this.deps.cutShort = true;
    if (this.deps !== null && outcome.kind === 'panic') this.deps.aborted();
    this.finished = true;
    const unplanned = outcome.kind === 'replay-divergence' || outcome.kind === 'kernel-assertion' || outcome.kind === 'nondeterminism' || outcome.kind === 'resource-budget' ? null : (this.strategy.end?.() ?? null);
    if (unplanned !== null) outcome = this.outcome('replay-divergence', `${unplanned} (the run ended as ${outcome.kind})`);
    for (const f of this.finalizers) f();
    return {
      outcome,
      live: this.liveTasks(),
      steps: this.stepCount,
      time: this.clock,
      traceHash: this.trace.hashHex(),
      trace: this.trace,
      decisions: this.decisions,
      taskNames: this.tasks.map((t) => t.name),
      chanNames: this.chanNames,
      races: races?.found ?? [],
    };
  }

  private onLeak(what: string): never {
    return this.abort('nondeterminism', `nondeterminism leak: ${what} called${this.running ? ` by task ${this.running.name}` : ''}`);
  }

  private loop(): Outcome {
    const runnable = this.runnable;
    let last: Task | null = null;
    for (;;) {
      if (this.aborted !== null) return this.aborted;
      if (this.liveNonDaemon === 0) {
        // With time slips a timer that could have fired was disabled by the run's end: exploration needs to know.
        if (this.deps !== null && this.timeSlip && this.canSlip()) this.deps.firingDisabledAtEnd = true;
        return this.outcome('ok', 'every task finished');
      }
      if (--this.watchCountdown === 0) {
        // Outside determinism: reads only the host, changes nothing unless a budget ran out.
        const w = this.watchdog as Watchdog;
        this.watchCountdown = w.every;
        const over = w.check();
        if (over !== null) return this.outcome('resource-budget', over);
      }
      if (this.stepCount >= this.maxSteps) return this.outcome('step-budget', `step budget of ${this.maxSteps} steps reached`);
      const n = runnable.length;
      if (n === 0) {
        const end = this.advanceClock();
        if (end !== null) return end;
        last = null;
        continue;
      }
      if (this.timeSlip && this.canSlip() && this.slipTaken(last)) {
        // A task that had parked is not preempted by the firing (even one the firing wakes): nothing runs on after it.
        // Only here can a parked last task be runnable again at the next decision with no task between (a natural
        // firing clears `last` above, any task's step replaces it), so the per-step path needs no check.
        if (last !== null && last.state !== TaskState.Runnable) last = null;
        const from = this.clock;
        if (this.deps !== null) this.deps.slipDecision = this.decisions.length - 1;
        const end = this.advanceClock();
        if (this.deps !== null) this.deps.slipDecision = -1;
        if (this.clock > from) this.slipList.push({ from, to: this.clock });
        if (end !== null) return end;
        continue;
      }
      let idx = 0;
      let sched = -1;
      if (n > 1) {
        const cur = this.currentIndex(last);
        try {
          idx = this.strategy.chooseTask(n, cur, this.runnableView);
        } catch (err) {
          if (err instanceof ReplayDivergence) return this.outcome('replay-divergence', err.message);
          throw err;
        }
        this.checkChoice(idx, n, Labels.sched);
        sched = this.decisions.length;
        this.decisions.push(Labels.sched, n, idx);
      }
      const t = runnable[idx] as Task;
      last = t;
      const deps = this.deps;
      if (deps === null) this.step(t);
      else this.stepRecorded(t, sched, deps);
    }
  }

  /** The runnable index of the task that ran last if it can go on, else -1 (choosing another is a preemption). */
  private currentIndex(last: Task | null): number {
    return last !== null && last.state === TaskState.Runnable ? (this.runPos[last.id] as number) : -1;
  }

  /** Decides a time slip; an exploring strategy is shown the runnable tasks the firing competes with. */
  private slipTaken(last: Task | null): boolean {
    const deps = this.deps;
    if (deps !== null) deps.slipOffer(this.runnableView, this.currentIndex(last));
    return this.decide(2, Labels.timeSlip) === 1;
  }

  /** A time slip is offered only when the next timer is due within {@link MAX_SLIP} of now, the scenario end and the time budget. */
  private canSlip(): boolean {
    if (this.timers.liveCount === 0) return false;
    const first = this.timers.peek() as TimerEntry;
    return first.when - this.clock <= MAX_SLIP && first.when <= this.until && first.when <= this.maxTime;
  }

  /** Fires the earliest timers (ties ordered by decisions). Returns an outcome when the run must end. */
  private advanceClock(): Outcome | null {
    const first = this.timers.peek();
    if (first === undefined) {
      if (this.runnable.length > 0) return null;
      return this.outcome('deadlock', `all goroutines are asleep - deadlock! [${this.blockedSummary()}]`);
    }
    if (first.when > this.until) {
      this.clock = Math.max(this.clock, this.until);
      return this.outcome('stopped', `scenario end reached at ${formatTime(this.until)}`);
    }
    if (first.when > this.maxTime) {
      return this.outcome('time-budget', `virtual-time budget of ${formatTime(this.maxTime)} reached`);
    }
    assert(first.when >= this.clock, 'a timer is due in the past');
    this.clock = first.when;
    if (this.observer !== null) {
      const bad = this.observe(this.observer);
      if (bad !== null) return bad;
    }
    const due: TimerEntry[] = [];
    for (let e = this.timers.peek(); e !== undefined && e.when === this.clock; e = this.timers.peek()) {
      due.push(this.timers.pop() as TimerEntry);
    }
    const tie = due.length > 1 ? this.deps : null;
    tie?.beginTie(due.length);
    let fired = 0;
    for (;;) {
      // A timer fired just before may have cancelled one of its same-instant peers.
      let live = 0;
      for (const d of due) if (d.live) due[live++] = d;
      due.length = live;
      if (live === 0) break;
      if (tie !== null && live > 1) tie.tieCandidates = due.map((d) => d.seq);
      const i = this.decide(live, Labels.timerTie);
      fired++;
      const e = due.splice(i, 1)[0] as TimerEntry;
      this.timers.consume(e);
      this.trace.recordText(this.stepCount, this.clock, -1, Op.TimerFire, e.seq, e.what);
      this.races?.enterKernel(e.armed, e.what);
      const deps = this.deps;
      if (deps !== null) {
        deps.begin(KERNEL, -1, this.decisions.length, e.what, e.seq, e.oid, this.clock);
        deps.touch(CLOCK, true);
        if (e.oid >= 0) deps.touch(e.oid, true);
        // A panic (a task's, or a peer firing's in a timer tie) ends the run and disables this firing if it has not run yet.
        deps.touch(ABORT, false);
        if (!deps.barriers) {
          deps.touch(EXITS, true);
          deps.touch(TIMERS, true);
        }
      }
      try {
        e.fire();
      } catch (err) {
        return this.kernelFailure(err);
      } finally {
        deps?.end(this.decisions.length);
      }
      if (this.aborted !== null) return this.aborted;
    }
    tie?.endTie(fired);
    return null;
  }

  /** Runs the observer with the kernel locked against decisions, spawns and timers; a throw ends the run. */
  private observe(o: TimeObserver): Outcome | null {
    this.observing = true;
    try {
      o(this.gauges);
      return null;
    } catch (err) {
      return this.kernelFailure(err);
    } finally {
      this.observing = false;
    }
  }

  private kernelFailure(err: unknown): Outcome {
    if (this.aborted !== null) return this.aborted;
    if (err instanceof KernelAssertionError) return this.outcome('kernel-assertion', err.message);
    return this.outcome('panic', `panic in kernel context: ${String(err)}`);
  }

  /** One step recorded as an event of the dependency log: it touches its task, and a daemon's step the run's end. */
  private stepRecorded(t: Task, sched: number, deps: DependencyLog): void {
    deps.begin(t.id, sched, this.decisions.length);
    deps.touch(t.oid, true);
    if (t.daemon) deps.touch(RUN_END, false);
    deps.touch(ABORT, false);
    try {
      this.step(t);
    } finally {
      deps.end(this.decisions.length);
    }
  }

  private step(t: Task): void {
    this.stepCount++;
    this.running = t;
    const races = this.races;
    if (races !== null) races.cur = t.thread;
    let r: IteratorResult<Effect, unknown>;
    try {
      const v = t.resume;
      const pending = t.pendingPanic;
      t.resume = undefined;
      if (pending === null) {
        r = t.next.call(t.gen, v);
      } else {
        t.pendingPanic = null;
        r = t.throwInto.call(t.gen, pending);
      }
      // An effect that panics at once (send on a closed channel) is thrown straight back in.
      while (!r.done) {
        const p = this.dispatch(t, r.value);
        if (p === null) break;
        r = t.throwInto.call(t.gen, p);
      }
    } catch (err) {
      this.running = null;
      this.onTaskThrow(t, err);
      return;
    }
    this.running = null;
    if (r.done) this.exit(t);
  }

  private onTaskThrow(t: Task, err: unknown): void {
    if (this.aborted !== null) return;
    if (err instanceof RunAbort) {
      this.aborted = this.outcome('kernel-assertion', `RunAbort without an outcome: ${err.message}`);
      return;
    }
    if (err instanceof KernelAssertionError) {
      this.aborted = this.outcome('kernel-assertion', err.message, t.lineage());
      return;
    }
    const msg = err instanceof Error ? err.message : String(err);
    this.trace.recordText(this.stepCount, this.clock, t.id, Op.Panic, -1, msg);
    this.aborted = this.outcome('panic', `panic in task ${t.name}: ${msg}`, t.lineage());
  }

  private exit(t: Task): void {
    if (t.thread !== null) this.races?.exited(t.thread);
    this.unrun(t);
    t.state = TaskState.Done;
    t.effect = null;
    this.doneCount++;
    if (!t.daemon && this.deps !== null && !this.deps.barriers) this.deps.touch(EXITS, false);
    if (!t.daemon && --this.liveNonDaemon === 0) this.deps?.touch(RUN_END, true);
    this.trace.record(this.stepCount, this.clock, t.id, Op.Exit, -1);
  }

  /**
   * Processes one effect. Returns null when the effect completed or parked the task,
   * or a panic to throw into the task at once.
   */
  private dispatch(t: Task, e: Effect): GoPanic | null {
    switch (e.k) {
      case K.Recv: {
        const ch = e.ch;
        if (ch !== null && ch.canRecv()) {
          e.value = ch.recvNow();
          e.ok = ch.lastOk;
          this.trace.record(this.stepCount, this.clock, t.id, Op.Recv, ch.id);
          t.resume = e;
          return null;
        }
        this.park(t, e);
        if (ch !== null) ch.pushReceiver(this.plainWaiter(t, undefined));
        this.trace.record(this.stepCount, this.clock, t.id, Op.Recv | BLOCKED, ch === null ? -1 : ch.id);
        return null;
      }
      case K.Send: {
        const ch = e.ch;
        if (ch !== null && ch.canSend()) {
          this.trace.record(this.stepCount, this.clock, t.id, Op.Send, ch.id);
          try {
            ch.sendNow(e.value);
          } catch (p) {
            if (p instanceof GoPanic) return p;
            throw p;
          }
          return null;
        }
        this.park(t, e);
        if (ch !== null) ch.pushSender(this.plainWaiter(t, e.value));
        this.trace.record(this.stepCount, this.clock, t.id, Op.Send | BLOCKED, ch === null ? -1 : ch.id);
        return null;
      }
      case K.Select:
        return this.select(t, e);
      case K.Sleep: {
        this.park(t, e);
        // Its deadline is "now + d": arming reads the clock (for the dependency log).
        this.deps?.touch(CLOCK, false);
        this.deps?.timersChanged();
        // A sleep orders nothing: its timer carries no clock. Its object id names its firing canonically.
        t.sleepTimer = this.timers.push(this.clock + Math.max(0, Math.round(e.d)), `sleep ${t.name}`, () => {
          t.sleepTimer = null;
          this.wake(t);
        }, null, this.deps === null ? -1 : this.deps.newId());
        this.trace.record(this.stepCount, this.clock, t.id, Op.Sleep | BLOCKED, e.d | 0);
        return null;
      }
      case K.Yield:
        this.trace.record(this.stepCount, this.clock, t.id, Op.Yield, -1);
        return null;
      default:
        this.abort('kernel-assertion', `task ${t.name} yielded something that is not an effect: ${JSON.stringify(e)}`);
    }
  }

  private select(t: Task, e: SelectEffect): GoPanic | null {
    const cases = e.cases;
    const ready = this.readyScratch;
    ready.length = 0;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i] as SelectEffect['cases'][number];
      const ch = c.ch;
      if (ch === null) continue;
      // Whether a case is ready or the select parks, it touches every channel alike (see touchPolled).
      ch.touchPolled();
      if (c.dir === 'recv' ? ch.canRecv() : ch.canSend()) ready.push(i);
    }
    if (ready.length > 0) {
      const pick = ready[ready.length === 1 ? 0 : this.decide(ready.length, Labels.select)] as number;
      const c = cases[pick] as SelectEffect['cases'][number];
      const ch = c.ch as Chan;
      e.index = pick;
      this.trace.record(this.stepCount, this.clock, t.id, Op.Select, pick);
      this.trace.markLastSelected(pick, ch.id, c.dir === 'send');
      if (c.dir === 'recv') {
        e.value = ch.recvNow();
        e.ok = ch.lastOk;
      } else {
        try {
          ch.sendNow(c.value);
        } catch (p) {
          if (p instanceof GoPanic) return p;
          throw p;
        }
      }
      return null;
    }
    if (e.hasDefault) {
      e.index = -1;
      this.trace.record(this.stepCount, this.clock, t.id, Op.Select, -1);
      return null;
    }
    this.park(t, e);
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i] as SelectEffect['cases'][number];
      if (c.ch === null) continue;
      const w = new Waiter(t);
      w.gen = t.waitGen;
      w.caseIdx = i;
      w.value = c.value;
      if (c.dir === 'recv') c.ch.pushReceiver(w);
      else c.ch.pushSender(w);
    }
    t.selectSeq = this.trace.length;
    this.trace.record(this.stepCount, this.clock, t.id, Op.Select | BLOCKED, -1);
    return null;
  }

  /** The task's reusable waiter, filled in for a plain send (`value`) or receive. */
  private plainWaiter(t: Task, value: unknown): Waiter {
    const w = t.waiter;
    w.gen = t.waitGen;
    w.caseIdx = -1;
    w.value = value;
    return w;
  }

  // ---------------------------------------------------------------- reports

  private outcome(kind: OutcomeKind, message: string, task?: string): Outcome {
    return task === undefined
      ? { kind, message, step: this.stepCount, time: this.clock }
      : { kind, message, task, step: this.stepCount, time: this.clock };
  }

  /** Non-daemon tasks that have not finished, with what each waits on. */
  liveTasks(): BlockedTask[] {
    const out: BlockedTask[] = [];
    for (const t of this.tasks) {
      if (t.state === TaskState.Done || t.daemon) continue;
      out.push({ id: t.id, name: t.name, lineage: t.lineage(), waitingOn: this.describeWait(t) });
    }
    return out;
  }

  /** Every blocked task (daemons marked) and what it waits on, in spawn order, as one line. */
  private blockedSummary(): string {
    const parts: string[] = [];
    for (const t of this.tasks) {
      if (t.state !== TaskState.Blocked) continue;
      parts.push(`${t.name}${t.daemon ? ' (daemon)' : ''}: ${this.describeWait(t)}`);
    }
    return parts.join('; ');
  }

  private describeWait(t: Task): string {
    if (t.state === TaskState.Runnable) return 'runnable';
    const e = t.effect;
    if (e === null) return 'unknown';
    switch (e.k) {
      case K.Recv:
        return e.ch === null ? 'recv on nil channel (forever)' : `recv on ${e.ch.name}`;
      case K.Send:
        return e.ch === null ? 'send on nil channel (forever)' : `send on ${e.ch.name}`;
      case K.Select:
        return `select on [${e.cases.map((c) => `${c.dir} ${c.ch === null ? 'nil' : c.ch.name}`).join(', ')}]`;
      case K.Sleep:
        return `sleep ${formatTime(e.d)}`;
      default:
        return 'yield';
    }
  }
}

/** The observers' read-only view of the kernel's gauges. */
class KernelGaugeView implements KernelGauges {
  constructor(private readonly sim: Sim) {}

  get now(): Micros {
    return this.sim.now;
  }

  get parkedTasks(): number {
    return this.sim.parkedCount;
  }

  get bufferedValues(): number {
    return this.sim.bufferedCount;
  }
}

/** The strategies' read-only view of the kernel's runnable set (ids from its typed array, no task objects). */
class KernelRunnableView implements RunnableView {
  constructor(private readonly sim: Sim) {}

  get length(): number {
    return this.sim.runnableCount;
  }

  id(i: number): number {
    return this.sim.runnableId(i);
  }

  name(i: number): string {
    return this.sim.taskName(this.sim.runnableId(i));
  }

  indexOf(id: number): number {
    return this.sim.runnableIndex(id);
  }

  get now(): Micros {
    return this.sim.now;
  }
}
