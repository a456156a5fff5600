/**
 * Go channels: unbuffered (rendezvous) and buffered, with close and nil-channel
 * semantics. The algorithms live here; the kernel calls them while processing effects.
 */
import { assert } from './assert.ts';
import { GoPanic } from './errors.ts';
import { K, type RecvEffect, type SelectEffect } from './effects.ts';
import type { Task } from './task.ts';

/** A task parked on a channel, possibly as one case of a select. */
export interface Waiter {
  readonly task: Task;
  /** The task's `waitGen` when it parked; a mismatch means the waiter is stale. */
  readonly gen: number;
  /** The select case index, or -1 for a plain send/receive. */
  readonly caseIdx: number;
  /** For senders: the value offered. */
  readonly value: unknown;
}

/** What the kernel exposes to channels: waking a parked task. */
export interface Waker {
  /** Makes a blocked task runnable again. */
  wake(task: Task): void;
  /** Makes a blocked task runnable and throws `panic` into it when it resumes. */
  wakeWithPanic(task: Task, panic: GoPanic): void;
}

/** A Go channel carrying values of type `T`. Create it with `sim.chan(cap, name)`. */
export class Chan<T = unknown> {
  /** Buffered values, oldest first. */
  readonly buf: T[] = [];
  /** Parked receivers, FIFO. */
  readonly recvq: Waiter[] = [];
  /** Parked senders, FIFO. */
  readonly sendq: Waiter[] = [];
  /** Whether `close` has been called. */
  closed = false;

  constructor(
    /** Kernel hook used to wake parked tasks. */
    readonly waker: Waker,
    /** Dense id, used in traces. */
    readonly id: number,
    /** Buffer capacity; 0 is a rendezvous channel. */
    readonly cap: number,
    /** Human name for reports, e.g. `bulker.ch`. */
    readonly name: string,
  ) {
    assert(Number.isInteger(cap) && cap >= 0, `channel capacity must be a non-negative integer, got ${cap}`);
  }

  /** Number of buffered values (Go's `len(ch)`). */
  get length(): number {
    return this.buf.length;
  }

  /** True when a receive would complete now. */
  canRecv(): boolean {
    return this.buf.length > 0 || this.closed || firstLive(this.sendq) !== undefined;
  }

  /** True when a send would complete now (a send on a closed channel "completes" by panicking). */
  canSend(): boolean {
    return this.closed || this.buf.length < this.cap || firstLive(this.recvq) !== undefined;
  }

  /**
   * Receives now. Precondition: {@link canRecv}. Returns the value and sets `lastOk`.
   * A buffered channel drains its buffer before reporting closed.
   */
  recvNow(): T | undefined {
    const sender = popLive(this.sendq);
    if (sender !== undefined) {
      let v: T;
      if (this.cap === 0) {
        v = sender.value as T;
      } else {
        assert(this.buf.length === this.cap, `${this.name}: a sender was parked while the buffer had room`);
        v = this.buf.shift() as T;
        this.buf.push(sender.value as T);
      }
      this.completeSend(sender);
      this.lastOk = true;
      return v;
    }
    if (this.buf.length > 0) {
      this.lastOk = true;
      return this.buf.shift();
    }
    assert(this.closed, `${this.name}: recvNow on a channel that is not ready`);
    this.lastOk = false;
    return undefined;
  }

  /** The `ok` of the last {@link recvNow}. */
  lastOk = false;

  /** Sends now. Precondition: {@link canSend}. Panics (throws GoPanic) when closed. */
  sendNow(v: T): void {
    if (this.closed) throw new GoPanic(`send on closed channel ${this.name}`);
    const receiver = popLive(this.recvq);
    if (receiver !== undefined) {
      assert(this.buf.length === 0, `${this.name}: a receiver was parked while values were buffered`);
      deliver(receiver, v, true);
      this.waker.wake(receiver.task);
      return;
    }
    assert(this.buf.length < this.cap, `${this.name}: sendNow on a full channel`);
    this.buf.push(v);
  }

  /**
   * Non-blocking send used by the kernel itself (timer channels): sends when ready,
   * returns false otherwise.
   */
  trySend(v: T): boolean {
    if (!this.canSend() || this.closed) return false;
    this.sendNow(v);
    return true;
  }

  /** Removes all buffered values (Go ≥ 1.23 timer Stop/Reset semantics). Returns how many were dropped. */
  drain(): number {
    const n = this.buf.length;
    this.buf.length = 0;
    return n;
  }

  /**
   * Go's `close(ch)`. Parked receivers get the zero value with ok=false; parked senders panic.
   * Closing a closed channel panics.
   */
  close(): void {
    if (this.closed) throw new GoPanic(`close of closed channel ${this.name}`);
    this.closed = true;
    for (let w = popLive(this.recvq); w !== undefined; w = popLive(this.recvq)) {
      deliver(w, undefined, false);
      this.waker.wake(w.task);
    }
    for (let w = popLive(this.sendq); w !== undefined; w = popLive(this.sendq)) {
      this.waker.wakeWithPanic(w.task, new GoPanic(`send on closed channel ${this.name}`));
    }
  }

  private completeSend(sender: Waiter): void {
    if (sender.caseIdx >= 0) (sender.task.effect as SelectEffect).index = sender.caseIdx;
    this.waker.wake(sender.task);
  }
}

function isLive(w: Waiter): boolean {
  return w.gen === w.task.waitGen;
}

function firstLive(q: Waiter[]): Waiter | undefined {
  while (q.length > 0) {
    const w = q[0] as Waiter;
    if (isLive(w)) return w;
    q.shift();
  }
  return undefined;
}

function popLive(q: Waiter[]): Waiter | undefined {
  const w = firstLive(q);
  if (w !== undefined) q.shift();
  return w;
}

function deliver(w: Waiter, value: unknown, ok: boolean): void {
  const e = w.task.effect as RecvEffect | SelectEffect;
  if (e.k === K.Select) e.index = w.caseIdx;
  e.value = value;
  e.ok = ok;
}
