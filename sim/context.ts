/**
 * Go's `context`: Background, WithCancel, WithTimeout, WithDeadline. Cancellation
 * propagates to children only; `done()` is a channel (nil for Background).
 * Happens-before: cancel release-merges the canceller's clock into the context before
 * closing Done (so Done's receivers see it through the close), and `err()` returning an
 * error acquires it (Go's Err reads the error under the context's mutex, or atomically).
 * A deadline cancels from its timer, carrying the clock of whoever armed it.
 */
import { assert } from './assert.ts';
import type { Chan } from './channel.ts';
import { Canceled, DeadlineExceeded, type GoError } from './errors.ts';
import type { Sim } from './kernel.ts';
import type { TimerEntry } from './timer-heap.ts';
import type { VClock } from './race/vclock.ts';
import type { Micros } from './time.ts';
import { objectId, touch } from './dpor/dependency-log.ts';

/** Go's `context.CancelFunc`. Idempotent. */
export type CancelFunc = () => void;

/** A Go context. */
export class Context {
  /** Its object id in the dependency log (partial-order reduction). */
  private readonly oid = objectId();
  /**
   * Which children its cancel reaches, as its own object: the cancel writes it, a child that
   * leaves (its own cancel) reads it, so the two are ordered while children leaving and
   * joining commute with each other (they touch different members of the set).
   */
  private readonly reachOid = objectId();
  private errValue: GoError | null = null;
  private endedAt: Micros | undefined = undefined;
  private readonly children = new Set<Context>();
  private timer: TimerEntry | null = null;
  private readonly doneCh: Chan<never> | null;
  /** What the cancel released. */
  private clock: VClock | null = null;

  /** @internal Use {@link background}, {@link withCancel}, {@link withTimeout} or {@link withDeadline}. */
  constructor(
    /** The kernel this context lives in. */
    readonly sim: Sim,
    /** The parent, or null for Background. */
    readonly parent: Context | null,
    /** Name for traces and reports. */
    readonly name: string,
    /** Absolute deadline, if any (inherited from the parent when earlier). */
    readonly deadline: Micros | undefined,
  ) {
    this.doneCh = parent === null ? null : sim.signal(`${name}.Done`);
  }

  /** Go's `ctx.Done()`: closed when the context ends; nil (never ready) for Background. */
  done(): Chan<never> | null {
    return this.doneCh;
  }

  /** Go's `ctx.Err()`: null while live, then `Canceled` or `DeadlineExceeded`. */
  err(): GoError | null {
    touch(this.oid, false);
    const e = this.errValue;
    if (e !== null) {
      const hb = this.sim.races;
      if (hb !== null && hb.cur !== null) hb.acquire(hb.cur, this.clock, 'Err of', this.name);
    }
    return e;
  }

  /** The virtual instant at which the context ended (cancelled or past its deadline), or undefined while live. Never part of the trace. */
  get doneAt(): Micros | undefined {
    return this.endedAt;
  }

  /** @internal Ends this context and its descendants with `e`. */
  cancelWith(e: GoError): void {
    touch(this.oid, true);
    if (this.errValue !== null) return;
    assert(this.doneCh !== null, 'Background cannot be cancelled');
    const hb = this.sim.races;
    if (hb !== null && hb.cur !== null) this.clock = hb.releaseMerge(hb.cur, this.clock, 'cancel of', this.name);
    this.errValue = e;
    touch(this.reachOid, true);
    this.endedAt = this.sim.now;
    this.doneCh.close();
    if (this.timer !== null) {
      this.sim.unschedule(this.timer);
      this.timer = null;
    }
    for (const c of this.children) c.cancelWith(e);
    this.children.clear();
    // Go's removeChild, under the parent's lock: the parent's cancel no longer reaches this context
    // (a parent that tracks no children, Background, changes nothing).
    const parent = this.parent;
    if (parent !== null && parent.children.delete(this)) touch(parent.reachOid, false);
  }

  /** @internal */
  adopt(child: Context): void {
    // Writes the parent: its cancel ends the children in the order they came in, which a select
    // over two children's Done channels can see.
    touch(this.oid, true);
    const e = this.err();
    if (e !== null) child.cancelWith(e);
    else if (this.parent !== null) this.children.add(child);
  }

  /** @internal */
  armDeadline(at: Micros): void {
    touch(this.oid, true);
    this.timer = this.sim.schedule(at - this.sim.now, `${this.name}.deadline`, () => {
      this.timer = null;
      this.cancelWith(DeadlineExceeded);
    });
  }
}

/** Go's `context.Background()`: never cancelled, no deadline. */
export function background(sim: Sim): Context {
  return new Context(sim, null, 'background', undefined);
}

/** Go's `context.WithCancel(parent)`. */
export function withCancel(parent: Context, name = `${parent.name}/cancel`): [Context, CancelFunc] {
  const c = new Context(parent.sim, parent, name, parent.deadline);
  parent.adopt(c);
  return [c, () => c.cancelWith(Canceled)];
}

/** Go's `context.WithDeadline(parent, at)`. */
export function withDeadline(parent: Context, at: Micros, name = `${parent.name}/deadline`): [Context, CancelFunc] {
  if (parent.deadline !== undefined && parent.deadline <= at) return withCancel(parent, name);
  const c = new Context(parent.sim, parent, name, at);
  parent.adopt(c);
  if (c.err() === null) {
    if (at <= parent.sim.now) c.cancelWith(DeadlineExceeded);
    else c.armDeadline(at);
  }
  return [c, () => c.cancelWith(Canceled)];
}

/** Go's `context.WithTimeout(parent, d)`. */
export function withTimeout(parent: Context, d: Micros, name = `${parent.name}/timeout`): [Context, CancelFunc] {
  return withDeadline(parent, parent.sim.now + d, name);
}
