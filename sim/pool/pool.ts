/**
 * The tracked pool: Go's `sync.Pool` of blocks made deterministic (a LIFO stack) and
 * instrumented. It knows every block it handed out, so it can report blocks never
 * returned, freed twice, freed without coming from it, or touched after being freed.
 */
import { assert } from '../assert.ts';
import type { Sim } from '../kernel.ts';
import { formatTime } from '../time.ts';
import { Block, type BlockState, type Handle } from './block.ts';
import type { PoolViolation, PoolViolationKind } from './violation.ts';

/** How the payload of a block is made and reset. */
export interface PoolType<T> {
  /** A fresh payload (Go's `New`). */
  make(id: number): T;
  /** Reset before the block goes back to the pool (Go's `reset`). */
  reset(data: T): void;
}

/** The pool. */
export class TrackedPool<T> {
  private readonly all: Block<T>[] = [];
  private readonly free: Block<T>[] = [];
  private readonly reported = new Set<string>();
  /** Findings so far (leaks are added by {@link finish}). */
  readonly violations: PoolViolation[] = [];
  /** Counters. */
  readonly stats = { acquired: 0, freed: 0, fresh: 0, reused: 0, abandoned: 0 };

  constructor(
    private readonly sim: Sim,
    private readonly type: PoolType<T>,
    /** Name for reports. */
    readonly name = 'pool',
  ) {}

  /** Every block ever made (pooled or not). */
  get blocks(): readonly Block<T>[] {
    return this.all;
  }

  /** `Get`: the most recently freed block, or a fresh one. */
  acquire(owner: string, note?: string): Handle<T> {
    let b = this.free.pop();
    if (b === undefined) {
      b = new Block(this.all.length, this.type.make(this.all.length), true);
      this.all.push(b);
      this.stats.fresh++;
    } else {
      this.stats.reused++;
    }
    assert(b.state === 'freed', `pool ${this.name}: block ${b.id} in the free list is ${b.state}`);
    b.gen++;
    b.owner = owner;
    this.stats.acquired++;
    this.log(b, 'acquire', 'acquired', note);
    return { block: b, gen: b.gen };
  }

  /** A block that never comes from the pool (Go's multi-op slices). Never leak-checked. */
  unpooled(owner: string): Handle<T> {
    const b = new Block(this.all.length, this.type.make(this.all.length), false);
    this.all.push(b);
    b.gen = 1;
    b.owner = owner;
    this.log(b, 'make-unpooled', 'acquired');
    return { block: b, gen: b.gen };
  }

  /** `Put` after `reset`. Reports double frees, stale frees and foreign frees. */
  release(h: Handle<T>, note?: string): void {
    const b = h.block;
    if (!b.pooled || this.all[b.id] !== b) {
      this.report('foreign-free', h, `block ${b.id} was freed into ${this.name} but never came from it`);
      return;
    }
    if (h.gen !== b.gen) {
      this.report('double-free', h, `block ${b.id} was freed through a stale handle (generation ${h.gen}, now ${b.gen}): it had already been freed${b.state === 'freed' ? '' : ` and re-acquired by ${b.owner}`}`);
      return;
    }
    if (b.state === 'freed') {
      this.report('double-free', h, `block ${b.id} was freed twice`);
      return;
    }
    this.type.reset(b.data);
    this.log(b, 'free', 'freed', note);
    this.stats.freed++;
    this.free.push(b);
  }

  /** Marks a block as given up by a drain that reached its timeout (allowed by the lifecycle invariant). */
  abandon(h: Handle<T>, note: string): void {
    if (!this.check(h, 'abandon')) return;
    this.stats.abandoned++;
    this.log(h.block, 'abandon', 'abandoned', note);
  }

  /**
   * Records a change of hands (enqueue, flush, answer) without changing ownership rules.
   * A block its drain gave up on stays `abandoned` for the rest of its generation, even
   * if a flush later takes and answers it (the invariant allows that block to go).
   */
  mark(h: Handle<T>, event: string, state: BlockState, note?: string): void {
    if (!this.check(h, event)) return;
    this.log(h.block, event, h.block.state === 'abandoned' ? 'abandoned' : state, note);
  }

  /**
   * Reads the payload through a handle. A stale or freed handle is a use-after-free
   * (reported once per block, generation and access); the data is still returned, as
   * Go would, so the run continues the way the real program would.
   */
  use(h: Handle<T>, what: string): T {
    this.check(h, what);
    return h.block.data;
  }

  /** True when `h` is the block's current, live generation. */
  isLive(h: Handle<T>): boolean {
    return h.gen === h.block.gen && h.block.state !== 'freed';
  }

  /** Simulates a GC clearing the pool: freed blocks are forgotten, later acquires make fresh ones. */
  clearFreeList(): void {
    this.free.length = 0;
  }

  /** End of run: every pooled block neither freed nor abandoned is a leak. */
  finish(): readonly PoolViolation[] {
    for (const b of this.all) {
      if (!b.pooled || b.state === 'freed' || b.state === 'abandoned') continue;
      const first = b.history.findLast((e) => e.event === 'acquire');
      const last = b.history[b.history.length - 1];
      this.report(
        'leak',
        { block: b, gen: b.gen },
        `block ${b.id} (acquired by ${b.owner}${first ? ` at ${formatTime(first.time)}` : ''}) was never freed: last ${last ? `${last.event} by ${last.task}${last.note ? ` (${last.note})` : ''}` : 'seen nowhere'}, state ${b.state}`,
      );
    }
    return this.violations;
  }

  private check(h: Handle<T>, what: string): boolean {
    const b = h.block;
    if (h.gen === b.gen && b.state !== 'freed') return true;
    const why = h.gen !== b.gen ? `it was freed and is now generation ${b.gen}, owned by ${b.owner}` : 'it is in the pool';
    this.report('use-after-free', h, `block ${b.id} (generation ${h.gen}) was touched (${what}) after it was freed: ${why}`, `${b.id}/${h.gen}/${what}`);
    return false;
  }

  private report(kind: PoolViolationKind, h: Handle<T>, message: string, dedupe?: string): void {
    if (dedupe !== undefined) {
      if (this.reported.has(dedupe)) return;
      this.reported.add(dedupe);
    }
    const b = h.block;
    this.violations.push({
      kind,
      blockId: b.id,
      gen: h.gen,
      state: b.state,
      message,
      history: b.history.slice(),
      step: this.sim.steps,
      time: this.sim.now,
      task: this.sim.current?.name ?? 'kernel',
    });
  }

  private log(b: Block<T>, event: string, state: BlockState, note?: string): void {
    b.state = state;
    const task = this.sim.current?.name ?? 'kernel';
    const e = { step: this.sim.steps, time: this.sim.now, task, event, state, decision: this.sim.decisions.length, gen: b.gen, seq: this.sim.trace.length };
    b.history.push(note === undefined ? e : { ...e, note });
    this.sim.note(`block ${b.id}.${b.gen} ${event}${note ? ` (${note})` : ''}`, b.id);
  }
}
