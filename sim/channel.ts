/**
 * Go channels: unbuffered (rendezvous) and buffered, with close and nil-channel
 * semantics. The algorithms live here; the kernel calls them while processing effects.
 */
import { assert, fail } from './assert.ts';
import { GoPanic } from './errors.ts';
import { K, type RecvEffect, type SelectEffect } from './effects.ts';
import type { Task } from './task.ts';

/**
 * A task parked on a channel, possibly as one case of a select. Waiters form an intrusive
 * FIFO list per channel direction (no array, no `shift`). A plain send/receive reuses the
 * task's own {@link Task.waiter} (a task parked on a plain operation sits in exactly one
 * queue and is always unlinked by the wake), so parking allocates nothing; each select
 * case gets its own waiter because one task then sits in several queues.
 */
export class Waiter {
  /** The task's `waitGen` when it parked; a mismatch means the waiter is stale. */
  gen = 0;
  /** The select case index, or -1 for a plain send/receive. */
  caseIdx = -1;
  /** For senders: the value offered. */
  value: unknown = undefined;
  /** Next waiter in the channel's queue. */
  next: Waiter | null = null;
  /** Whether the waiter is linked into a channel queue (guards reuse of a task's plain waiter). */
  queued = false;

  constructor(
    /** The parked task. */
    readonly task: Task,
  ) {}
}

/** A FIFO of waiters, linked through {@link Waiter.next}. */
export class WaitQueue {
  /** Oldest waiter, or null when empty. */
  head: Waiter | null = null;
  /** Newest waiter, or null when empty. */
  tail: Waiter | null = null;

  /** Appends `w` (which must not be queued anywhere). */
  push(w: Waiter): void {
    if (w.queued) fail(`waiter of task ${w.task.name} is already queued`);
    w.queued = true;
    w.next = null;
    const t = this.tail;
    if (t === null) this.head = w;
    else t.next = w;
    this.tail = w;
  }

  /** The oldest live waiter, dropping stale ones from the front; undefined when none. */
  firstLive(): Waiter | undefined {
    for (let w = this.head; w !== null; w = this.head) {
      if (w.gen === w.task.waitGen) return w;
      this.unlinkHead(w);
    }
    return undefined;
  }

  /** Removes and returns the oldest live waiter; undefined when none. */
  popLive(): Waiter | undefined {
    const w = this.firstLive();
    if (w !== undefined) this.unlinkHead(w);
    return w;
  }

  private unlinkHead(w: Waiter): void {
    const n = w.next;
    this.head = n;
    if (n === null) this.tail = null;
    w.next = null;
    w.queued = false;
  }
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
  readonly recvq = new WaitQueue();
  /** Parked senders, FIFO. */
  readonly sendq = new WaitQueue();
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
    if (!Number.isInteger(cap) || cap < 0) fail(`channel capacity must be a non-negative integer, got ${cap}`);
  }

  /** Number of buffered values (Go's `len(ch)`). */
  get length(): number {
    return this.buf.length;
  }

  /** True when a receive would complete now. */
  canRecv(): boolean {
    return this.buf.length > 0 || this.closed || this.sendq.firstLive() !== undefined;
  }

  /** True when a send would complete now (a send on a closed channel "completes" by panicking). */
  canSend(): boolean {
    return this.closed || this.buf.length < this.cap || this.recvq.firstLive() !== undefined;
  }

  /**
   * Receives now. Precondition: {@link canRecv}. Returns the value and sets `lastOk`.
   * A buffered channel drains its buffer before reporting closed.
   */
  recvNow(): T | undefined {
    const sender = this.sendq.popLive();
    if (sender !== undefined) {
      let v: T;
      if (this.cap === 0) {
        v = sender.value as T;
      } else {
        if (this.buf.length !== this.cap) fail(`${this.name}: a sender was parked while the buffer had room`);
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
    if (!this.closed) fail(`${this.name}: recvNow on a channel that is not ready`);
    this.lastOk = false;
    return undefined;
  }

  /** The `ok` of the last {@link recvNow}. */
  lastOk = false;

  /** Sends now. Precondition: {@link canSend}. Panics (throws GoPanic) when closed. */
  sendNow(v: T): void {
    if (this.closed) throw new GoPanic(`send on closed channel ${this.name}`);
    const receiver = this.recvq.popLive();
    if (receiver !== undefined) {
      if (this.buf.length !== 0) fail(`${this.name}: a receiver was parked while values were buffered`);
      deliver(receiver, v, true);
      this.waker.wake(receiver.task);
      return;
    }
    if (this.buf.length >= this.cap) fail(`${this.name}: sendNow on a full channel`);
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
    for (let w = this.recvq.popLive(); w !== undefined; w = this.recvq.popLive()) {
      deliver(w, undefined, false);
      this.waker.wake(w.task);
    }
    for (let w = this.sendq.popLive(); w !== undefined; w = this.sendq.popLive()) {
      this.waker.wakeWithPanic(w.task, new GoPanic(`send on closed channel ${this.name}`));
    }
  }

  private completeSend(sender: Waiter): void {
    sender.value = undefined;
    if (sender.caseIdx >= 0) (sender.task.effect as SelectEffect).index = sender.caseIdx;
    this.waker.wake(sender.task);
  }
}

function deliver(w: Waiter, value: unknown, ok: boolean): void {
  const e = w.task.effect as RecvEffect | SelectEffect;
  if (e.k === K.Select) e.index = w.caseIdx;
  e.value = value;
  e.ok = ok;
}
