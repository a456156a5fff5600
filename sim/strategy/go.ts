/**
 * A strategy that schedules like Go's runtime (runtime/proc.go), so a finding can say how
 * likely it is under Go's own scheduling rather than under a uniform random walk:
 *
 * - `GOMAXPROCS` processors (P), each with a current goroutine, a `runnext` slot and a
 *   local run queue; one global run queue.
 * - A goroutine readied by another (a send waking a receiver, an unlock, a close) goes to
 *   the waker's `runnext` slot, and `go f()` puts the new goroutine there too; the waker
 *   keeps its P until it blocks or its 10 ms time slice (virtual time) ends, then its P
 *   takes `runnext`, then its local queue (the global queue every 61st tick first), then
 *   the global queue, then steals half of another P's local queue (a P's `runnext` only
 *   while that P's goroutine is not running). A goroutine whose time slice ended goes to
 *   the global queue, as sysmon's preemption does.
 * - Processors run in parallel; which one takes the next atomic step is drawn uniformly,
 *   as are steal victims and the P whose timer readies a goroutine.
 *
 * Every draw comes from the seed (a stream of its own), and the kernel records each
 * resulting task choice, so a run replays bit for bit from its seed or its decision list.
 * Not modelled: `runtime.Gosched` (a yield keeps its P), spinning-M wake-up latency, the
 * network poller, locked threads.
 */
import type { Label } from '../label.ts';
import { randomChoice, weightedChoice } from './slip.ts';
import { scale, type RunnableView, type Strategy } from './strategy.ts';
import { pick, stream, streams, type Streams, type Uniform } from './streams.ts';

/** Options of {@link GoScheduler}. */
export interface GoOptions {
  /** `GOMAXPROCS`: the number of processors (default 2). */
  readonly procs?: number;
  /** A goroutine's time slice in virtual µs (default 10 ms, Go's `forcePreemptNS`). */
  readonly sliceUs?: number;
}

/** Default `GOMAXPROCS`. */
export const DEFAULT_PROCS = 2;
const SLICE_US = 10_000;
/** Go checks the global queue first on every 61st schedule tick, so it cannot starve. */
const GLOBAL_CHECK_TICKS = 61;

/** A queue entry: valid while the task's generation has not moved on. */
interface Entry {
  readonly id: number;
  readonly gen: number;
}

/** A FIFO of entries with an advancing head (no shifting). */
class RunQueue {
  private items: Entry[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(e: Entry): void {
    this.items.push(e);
  }

  shift(): Entry | undefined {
    if (this.head >= this.items.length) return undefined;
    const e = this.items[this.head++];
    if (this.head > 256 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return e;
  }
}

/** A processor. */
class Proc {
  /** The goroutine it runs (-1: none). */
  cur = -1;
  runnext: Entry | null = null;
  readonly runq = new RunQueue();
  sliceStart = 0;
  ticks = 0;

  constructor(readonly index: number) {}
}

/** Where a runnable task waits: a P's index, or -1 for the global queue. */
const GLOBAL = -1;

/** Go-like scheduling. */
export class GoScheduler implements Strategy {
  readonly name = 'go';
  private readonly s: Streams;
  /** The runtime's own draws (which P steps, steal victims, timer Ps). */
  private readonly rt: Uniform;
  private readonly ps: Proc[];
  private readonly global = new RunQueue();
  private readonly slice: number;
  /** Per task: the generation of its valid queue entry, and where that entry is. */
  private readonly gen = new Map<number, number>();
  private readonly where = new Map<number, number>();
  private view: RunnableView | null = null;
  /** The P that took the last step we chose. */
  private lastP = 0;

  constructor(
    readonly seed: number,
    opts: GoOptions = {},
  ) {
    const procs = opts.procs ?? DEFAULT_PROCS;
    if (!Number.isInteger(procs) || procs < 1) throw new RangeError(`GOMAXPROCS must be a positive integer, got ${procs}`);
    this.s = streams(seed);
    this.rt = stream(seed, 'go-runtime');
    this.ps = Array.from({ length: procs }, (_, i) => new Proc(i));
    this.slice = opts.sliceUs ?? SLICE_US;
  }

  /** `GOMAXPROCS`. */
  get procs(): number {
    return this.ps.length;
  }

  choose(width: number, l: Label): number {
    return randomChoice(pick(this.s, l.stream)(), width, l);
  }

  chooseWeighted(weights: readonly number[], l: Label): number {
    return weightedChoice(pick(this.s, l.stream)(), weights);
  }

  onSpawn(taskId: number, parentId: number): void {
    if (parentId < 0) this.enqueue(this.global, taskId, GLOBAL);
    else this.putRunnext(this.procOf(parentId), taskId);
  }

  onWake(taskId: number, wakerId: number): void {
    // It had blocked: the P it ran on let it go.
    for (const p of this.ps) if (p.cur === taskId) p.cur = -1;
    // A timer readies its goroutine on the P that ran the timer: any of them.
    const p = wakerId >= 0 ? this.procOf(wakerId) : (this.ps[scale(this.rt(), this.ps.length)] as Proc);
    this.putRunnext(p, taskId);
  }

  chooseTask(width: number, current: number, tasks: RunnableView): number {
    this.view = tasks;
    // The kernel runs a task without asking when it is the only runnable one: adopt it.
    if (current >= 0) this.procOf(tasks.id(current));
    const n = this.ps.length;
    const start = scale(this.rt(), n);
    for (let k = 0; k < n; k++) {
      const p = this.ps[(start + k) % n] as Proc;
      const g = this.runOn(p, tasks.now);
      if (g < 0) continue;
      this.lastP = p.index;
      const idx = tasks.indexOf(g);
      if (idx >= 0) return idx;
    }
    // Every runnable task should sit on some P or queue; if the model lost one, run it on the first P.
    const p = this.ps[start] as Proc;
    p.cur = tasks.id(0);
    p.sliceStart = tasks.now;
    this.forget(p.cur);
    this.lastP = p.index;
    return 0;
  }

  /** The goroutine P runs next, or -1 when it finds nothing. */
  private runOn(p: Proc, now: number): number {
    if (p.cur >= 0 && this.runnable(p.cur)) {
      if (now - p.sliceStart < this.slice) return p.cur;
      this.enqueue(this.global, p.cur, GLOBAL); // preempted: to the global queue
    }
    p.cur = -1;
    const g = this.findRunnable(p);
    if (g < 0) return -1;
    p.cur = g;
    p.sliceStart = now;
    p.ticks++;
    return g;
  }

  private findRunnable(p: Proc): number {
    if (p.ticks % GLOBAL_CHECK_TICKS === GLOBAL_CHECK_TICKS - 1) {
      const g = this.take(this.global);
      if (g >= 0) return g;
    }
    if (p.runnext !== null) {
      const e = p.runnext;
      p.runnext = null;
      if (this.valid(e)) return this.claim(e);
    }
    let g = this.take(p.runq);
    if (g >= 0) return g;
    g = this.take(this.global);
    if (g >= 0) return g;
    const n = this.ps.length;
    const off = n > 1 ? scale(this.rt(), n - 1) : 0;
    for (let k = 0; k < n - 1; k++) {
      const v = this.ps[(p.index + 1 + ((off + k) % (n - 1))) % n] as Proc;
      g = this.steal(p, v);
      if (g >= 0) return g;
    }
    return -1;
  }

  /** Steals half of `v`'s local queue into `p`'s (returning the first), or `v`'s runnext while `v` is not running. */
  private steal(p: Proc, v: Proc): number {
    const half = Math.ceil(v.runq.length / 2);
    let first = -1;
    for (let i = 0; i < half; i++) {
      const e = v.runq.shift() as Entry;
      if (!this.valid(e)) continue;
      if (first < 0) first = this.claim(e);
      else this.move(e, p);
    }
    if (first >= 0) return first;
    if (v.runnext !== null && !(v.cur >= 0 && this.runnable(v.cur))) {
      const e = v.runnext;
      v.runnext = null;
      if (this.valid(e)) return this.claim(e);
    }
    return -1;
  }

  /** The P running `id`; a task the kernel ran without asking is adopted by the P it waited on. */
  private procOf(id: number): Proc {
    for (const p of this.ps) if (p.cur === id) return p;
    const w = this.where.get(id);
    this.forget(id);
    let p = w !== undefined && w !== GLOBAL ? (this.ps[w] as Proc) : (this.ps[this.lastP] as Proc);
    if (p.cur >= 0 && this.runnable(p.cur)) p = this.ps.find((q) => !(q.cur >= 0 && this.runnable(q.cur))) ?? p;
    p.cur = id;
    p.sliceStart = this.view?.now ?? 0;
    return p;
  }

  /** `runqput(p, g, next=true)`: into runnext, the old runnext to the tail of the local queue. */
  private putRunnext(p: Proc, id: number): void {
    const old = p.runnext;
    p.runnext = this.entry(id, p.index);
    if (old !== null && this.valid(old)) p.runq.push(old);
  }

  private enqueue(q: RunQueue, id: number, at: number): void {
    q.push(this.entry(id, at));
  }

  /** A fresh entry for `id` at `at`, invalidating any older one. */
  private entry(id: number, at: number): Entry {
    const gen = (this.gen.get(id) ?? 0) + 1;
    this.gen.set(id, gen);
    this.where.set(id, at);
    return { id, gen };
  }

  private move(e: Entry, to: Proc): void {
    this.where.set(e.id, to.index);
    to.runq.push(e);
  }

  private take(q: RunQueue): number {
    for (let e = q.shift(); e !== undefined; e = q.shift()) if (this.valid(e)) return this.claim(e);
    return -1;
  }

  private claim(e: Entry): number {
    this.forget(e.id);
    return e.id;
  }

  private forget(id: number): void {
    this.gen.set(id, (this.gen.get(id) ?? 0) + 1);
    this.where.delete(id);
  }

  private valid(e: Entry): boolean {
    return this.gen.get(e.id) === e.gen && this.runnable(e.id);
  }

  private runnable(id: number): boolean {
    return this.view === null || this.view.indexOf(id) >= 0;
  }
}
