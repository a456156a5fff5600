/**
 * Typed blocking operations for task code, used with `yield*`:
 * `const v = yield* recv(ch)`. Each yields one effect object that also carries the result.
 */
import type { Chan } from './channel.ts';
import { GoPanic } from './errors.ts';
import { K, type Proc, type RecvEffect, type SelectCase, type SelectEffect } from './effects.ts';
import type { Micros } from './time.ts';

/** Go's `v := <-ch` (zero value `undefined` once closed and drained). Blocks forever on a nil channel. */
export function* recv<T>(ch: Chan<T> | null): Proc<T | undefined> {
  const e: RecvEffect<T> = { k: K.Recv, ch, value: undefined, ok: false };
  yield e as RecvEffect;
  return e.value;
}

/** Go's `v, ok := <-ch`. */
export function* recvOk<T>(ch: Chan<T> | null): Proc<{ value: T | undefined; ok: boolean }> {
  const e: RecvEffect<T> = { k: K.Recv, ch, value: undefined, ok: false };
  yield e as RecvEffect;
  return e;
}

/** Go's `ch <- v`. Panics on a closed channel; blocks forever on a nil channel. */
export function* send<T>(ch: Chan<T> | null, value: T): Proc<void> {
  yield { k: K.Send, ch: ch as Chan, value };
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
export function* select(cases: readonly SelectCase[], hasDefault = false): Proc<Selected> {
  const e: SelectEffect = { k: K.Select, cases: cases as SelectCase<unknown>[], hasDefault, index: -1, value: undefined, ok: false };
  yield e;
  return e;
}

/** Go's `time.Sleep(d)`. */
export function* sleep(d: Micros): Proc<void> {
  if (d <= 0) {
    yield { k: K.Yield, what: 'sleep(0)' };
    return;
  }
  yield { k: K.Sleep, d };
}

/** `runtime.Gosched()`: a bare scheduling point. */
export function* gosched(what = 'gosched'): Proc<void> {
  yield { k: K.Yield, what };
}

/**
 * Go's `close(ch)`, including `close(nil)`: closing a nil channel panics, as does closing
 * a closed one. Not a scheduling point (Go's close does not yield either).
 */
export function closeChan<T>(ch: Chan<T> | null): void {
  if (ch === null) throw new GoPanic('close of nil channel');
  ch.close();
}
