/**
 * Typed blocking operations for task code, used with `yield*`:
 * `const v = yield* recv(ch)`. Each yields one effect object that also carries the result.
 *
 * The helpers are hand-written iterators rather than `function*` helpers: the effect object
 * is itself the iterator that `yield*` drives (first `next()` yields the effect, the second
 * returns the result), so a blocking operation allocates no inner generator and resumes no
 * inner generator frame. Behaviour under `yield*` is the same as a one-yield generator's:
 * `throw` propagates the thrown value out of the `yield*` (a panic thrown into the task),
 * `return` completes it. All effects of a kind share one class (one hidden class), so the
 * kernel's effect dispatch stays monomorphic per kind.
 */
import type { Chan } from './channel.ts';
import { GoPanic } from './errors.ts';
import { K, type Effect, type Proc, type SelectCase } from './effects.ts';
import type { Micros } from './time.ts';

/** Where a one-shot effect iterator is: not yet yielded, yielded (parked or completed by the kernel), finished. */
const enum St {
  Fresh = 0,
  Yielded = 1,
  Finished = 2,
}

/**
 * The iterator results the effect iterators hand to `yield*`, shared: `yield*` reads
 * `done` and `value` at once (or passes a not-done result straight to the kernel's
 * `next()`, which reads it at once), so no result outlives the next call of any iterator.
 * Reusing two objects saves two allocations per blocking operation.
 */
const yielded: { value: unknown; done: boolean } = { value: undefined, done: false };
const finished: { value: unknown; done: boolean } = { value: undefined, done: true };

function yieldEffect(e: unknown): IteratorResult<Effect, unknown> {
  yielded.value = e;
  return yielded as IteratorResult<Effect, unknown>;
}

function finish(v: unknown): IteratorResult<Effect, unknown> {
  finished.value = v;
  return finished as IteratorResult<Effect, unknown>;
}

/**
 * The iterator protocol shared by every effect: the first `next()` yields the effect
 * itself, the second returns {@link result}; `throw` propagates out of the `yield*` (a
 * panic thrown into the task) and `return` completes it.
 */
abstract class OneShot {
  st: St = St.Fresh;

  /** What the `yield*` evaluates to, read once the kernel has filled the effect in. */
  protected abstract result(): unknown;

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<Effect, unknown> {
    if (this.st === St.Fresh) {
      this.st = St.Yielded;
      return yieldEffect(this);
    }
    const first = this.st === St.Yielded;
    this.st = St.Finished;
    return finish(first ? this.result() : undefined);
  }

  throw(err: unknown): never {
    this.st = St.Finished;
    throw err;
  }

  return(v: unknown): IteratorResult<Effect, unknown> {
    this.st = St.Finished;
    return finish(v);
  }
}

/** What a {@link ChanOp} returns from its `yield*`. */
const enum Ret {
  /** `recv`: the received value. */
  Value = 0,
  /** `recvOk`: the effect itself, read as `{ value, ok }`. */
  Self = 1,
  /** `send`: nothing. */
  Nothing = 2,
}

/** A channel send or receive (effect kinds {@link K.Recv} and {@link K.Send}). */
class ChanOp extends OneShot {
  constructor(
    readonly k: K.Recv | K.Send,
    readonly ch: Chan<unknown> | null,
    /** Send: the value sent. Receive: the value received (filled in by the kernel). */
    public value: unknown,
    /** Receive: false when the channel was closed and drained (filled in by the kernel). */
    public ok: boolean,
    readonly ret: Ret,
  ) {
    super();
  }

  protected result(): unknown {
    return this.ret === Ret.Value ? this.value : this.ret === Ret.Self ? this : undefined;
  }
}

/** Go's `select` effect ({@link K.Select}); returns itself as the {@link Selected}. */
class SelectOp extends OneShot {
  readonly k = K.Select;
  /** Index of the case that ran (-1: default), filled in by the kernel. */
  index = -1;
  /** For a receive case: the value received. */
  value: unknown = undefined;
  /** For a receive case: false when the channel was closed. */
  ok = false;
  constructor(
    readonly cases: readonly SelectCase[],
    readonly hasDefault: boolean,
  ) {
    super();
  }

  protected result(): unknown {
    return this;
  }
}

/** A sleep ({@link K.Sleep}) or bare scheduling point ({@link K.Yield}); returns nothing. */
class PauseOp extends OneShot {
  constructor(
    readonly k: K.Sleep | K.Yield,
    /** Sleep: the duration. */
    readonly d: Micros,
    /** Yield: what the scheduling point is. */
    readonly what: string,
  ) {
    super();
  }

  protected result(): unknown {
    return undefined;
  }
}

/** Go's `v := <-ch` (zero value `undefined` once closed and drained). Blocks forever on a nil channel. */
export function recv<T>(ch: Chan<T> | null): Proc<T | undefined> {
  return new ChanOp(K.Recv, ch as Chan<unknown> | null, undefined, false, Ret.Value) as unknown as Proc<T | undefined>;
}

/** Go's `v, ok := <-ch`. */
export function recvOk<T>(ch: Chan<T> | null): Proc<{ value: T | undefined; ok: boolean }> {
  return new ChanOp(K.Recv, ch as Chan<unknown> | null, undefined, false, Ret.Self) as unknown as Proc<{ value: T | undefined; ok: boolean }>;
}

/** Go's `ch <- v`. Panics on a closed channel; blocks forever on a nil channel. */
export function send<T>(ch: Chan<T> | null, value: T): Proc<void> {
  return new ChanOp(K.Send, ch as Chan<unknown> | null, value, false, Ret.Nothing) as unknown as Proc<void>;
}

/** A receive case for {@link select}. */
export function onRecv<T>(ch: Chan<T> | null): SelectCase<T> {
  return { dir: 'recv', ch };
}

/** A send case for {@link select}. */
export function onSend<T>(ch: Chan<T> | null, value: T): SelectCase<T> {
  return { dir: 'send', ch, value };
}

/** Result of a select: the index of the case that ran (-1: default), and for receives the value and ok. */
export interface Selected {
  readonly index: number;
  readonly value: unknown;
  readonly ok: boolean;
}

/**
 * Go's `select`. When several cases are ready, which one runs is a decision (label
 * `select`). With `hasDefault`, returns index -1 when no case is ready. Nil-channel
 * cases are never ready.
 */
export function select(cases: readonly SelectCase[], hasDefault = false): Proc<Selected> {
  return new SelectOp(cases, hasDefault) as unknown as Proc<Selected>;
}

/** Go's `time.Sleep(d)`. */
export function sleep(d: Micros): Proc<void> {
  if (d <= 0) return new PauseOp(K.Yield, 0, 'sleep(0)') as unknown as Proc<void>;
  return new PauseOp(K.Sleep, d, '') as unknown as Proc<void>;
}

/** `runtime.Gosched()`: a bare scheduling point. */
export function gosched(what = 'gosched'): Proc<void> {
  return new PauseOp(K.Yield, 0, what) as unknown as Proc<void>;
}

/**
 * Go's `close(ch)`, including `close(nil)`: closing a nil channel panics, as does closing
 * a closed one. Not a scheduling point (Go's close does not yield either).
 */
export function closeChan<T>(ch: Chan<T> | null): void {
  if (ch === null) throw new GoPanic('close of nil channel');
  ch.close();
}
