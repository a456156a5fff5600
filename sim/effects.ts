/**
 * Effects: what a task yields to the kernel. Each effect object also carries its own
 * result fields, which the kernel fills in before resuming the task, so a blocking
 * operation allocates exactly one object.
 */
import type { Chan } from './channel.ts';
import type { Micros } from './time.ts';

/** Effect kinds (numeric for a fast switch). */
export const enum K {
  Recv = 1,
  Send = 2,
  Select = 3,
  Sleep = 4,
  Yield = 5,
}

/** Receive from a channel. Result: `value`, `ok` (false when closed and drained). */
export interface RecvEffect<T = unknown> {
  k: K.Recv;
  ch: Chan<T> | null;
  value: T | undefined;
  ok: boolean;
}

/** Send `value` on a channel. */
export interface SendEffect<T = unknown> {
  k: K.Send;
  ch: Chan<T> | null;
  value: T;
}

/** One case of a select. */
export interface SelectCase<T = unknown> {
  readonly dir: 'recv' | 'send';
  readonly ch: Chan<T> | null;
  /** For a send case, the value sent. */
  readonly value?: T;
}

/** Go's `select`. Result: `index` of the case that ran (-1 for default), `value`, `ok`. */
export interface SelectEffect {
  k: K.Select;
  cases: readonly SelectCase[];
  hasDefault: boolean;
  index: number;
  value: unknown;
  ok: boolean;
}

/** Sleep for a virtual duration. */
export interface SleepEffect {
  k: K.Sleep;
  d: Micros;
}

/** A bare scheduling point (`runtime.Gosched`): used by atomics and sync primitives. */
export interface YieldEffect {
  k: K.Yield;
  what: string;
}

/** Anything a task may yield. */
export type Effect = RecvEffect | SendEffect | SelectEffect | SleepEffect | YieldEffect;

/** A simulated goroutine body: a generator of effects returning `T`. */
export type Proc<T = void> = Generator<Effect, T, unknown>;
