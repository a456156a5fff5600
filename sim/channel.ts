/**
 * Go channels: unbuffered (rendezvous) and buffered, with close and nil-channel
 * semantics. The algorithms live here; the kernel calls them while processing effects.
 * Each operation also tells the channel's {@link ChanClocks} (happens-before) what it did.
 */
import { assert, fail } from './assert.ts';
import { GoPanic } from './errors.ts';
import { K, type RecvEffect, type SelectEffect } from './effects.ts';
import { ChanClocks } from './race/chan-clocks.ts';
import type { Races } from './race/runtime.ts';
import type { Task } from './task.ts';
import { objectId, touch } from './dpor/dependency-log.ts';

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

/** Unlinks the head `w` of a waiter list and returns the new head. */
function unlinkHead(w: Waiter): Waiter | null {
  const n = w.next;
  w.next = null;
  w.queued = false;
  return n;
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
  /** Its object id in the dependency log (partial-order reduction). */
  readonly oid = objectId();
  /** Buffered values, oldest first. */
  readonly buf: T[] = [];
  /*
   * Parked receivers and senders: two FIFO lists linked through Waiter.next, kept inline
   * (no queue object, no array) so a hand-off touches the channel and the waiter only.
   */
  private recvHead: Waiter | null = null;
  private recvTail: Waiter | null = null;
  private sendHead: Waiter | null = null;
  private sendTail: Waiter | null = null;
  /** Whether `close` has been called. */
  closed = false;
  /**
   * The run's race runtime (null: race detection off, or a primitive's internal channel),
   * and this channel's clocks, made on its first operation.
   */
  private races: Races | null;
  private clocks: ChanClocks | null = null;
  /**
   * A signal channel: never sent on, only closed (a context's `Done()`). Waiting on one
   * then only reads it for partial-order reduction: waiters commute, since its close
   * wakes them all whatever order they queued in; the close is what writes it.
   */
  private signalOnly = false;

  constructor(
    /** Kernel hook used to wake parked tasks. */
    readonly waker: Waker,
    /** Dense id, used in traces. */
    readonly id: number,
    /** Buffer capacity; 0 is a rendezvous channel. */
    readonly cap: number,
    /** Human name for reports, e.g. `jobs`. */
    readonly name: string,
    /** The run's happens-before runtime (null: race detection off). */
    races: Races | null = null,
  ) {
    if (!Number.isInteger(cap) || cap < 0) fail(`channel capacity must be a non-negative integer, got ${cap}`);
    this.races = races;
  }

  /**
   * @internal Marks a sync primitive's own channel: it adds no happens-before edge (the
   * primitive annotates itself the way Go's does). Returns the channel.
   */
  internal(): this {
    this.races = null;
    return this;
  }

  /** @internal Marks a signal channel (see `Sim.signal`): a send on it is a kernel assertion. Returns the channel. */
  signal(): this {
    this.signalOnly = true;
    return this;
  }

  /** This channel's clocks, or null when race detection is off for it. */
  private hb(): ChanClocks | null {
    if (this.clocks !== null) return this.clocks;
    if (this.races === null) return null;
    this.clocks = new ChanClocks(this.races, this, this.cap, this.name);
    return this.clocks;
  }

  /** Number of buffered values (Go's `len(ch)`). */
  get length(): number {
    touch(this.oid, false);
    return this.buf.length;
  }

  /**
   * @internal A select's poll of this channel, whatever it finds: a write, unless the
   * channel is only ever closed. A select that finds a case ready writes that channel and
   * only reads the others; one that parks writes them all. A step's footprint must not
   * depend on the state it meets (the reduction takes a step asleep, or moved by a race's
   * reversal, to touch the same objects when it runs elsewhere), so every poll takes the
   * strongest of these.
   */
  touchPolled(): void {
    touch(this.oid, !this.signalOnly);
  }

  /** True when a receive would complete now. */
  canRecv(): boolean {
    // A check only reads: dropping stale waiters from the front changes nothing a later operation sees.
    touch(this.oid, false);
    // A rendezvous channel never buffers; checking `cap` first keeps `buf` out of the cache.
    return (this.cap > 0 && this.buf.length > 0) || this.closed || this.firstSender() !== null;
  }

  /** True when a send would complete now (a send on a closed channel "completes" by panicking). */
  canSend(): boolean {
    touch(this.oid, false);
    return this.closed || (this.cap > 0 && this.buf.length < this.cap) || this.firstReceiver() !== null;
  }

  /** @internal Parks receiver `w` (which must not be queued anywhere) at the back of the receive queue. */
  pushReceiver(w: Waiter): void {
    touch(this.oid, !this.signalOnly);
    if (w.queued) fail(`waiter of task ${w.task.name} is already queued`);
    w.queued = true;
    const t = this.recvTail;
    if (t === null) this.recvHead = w;
    else t.next = w;
    this.recvTail = w;
  }

  /** @internal Parks sender `w` (which must not be queued anywhere) at the back of the send queue. */
  pushSender(w: Waiter): void {
    if (this.signalOnly) fail(`send on signal channel ${this.name}: it is only ever closed`);
    touch(this.oid, true);
    if (w.queued) fail(`waiter of task ${w.task.name} is already queued`);
    w.queued = true;
    const t = this.sendTail;
    if (t === null) this.sendHead = w;
    else t.next = w;
    this.sendTail = w;
  }

  /** The oldest live parked receiver, dropping stale ones (other cases of a finished select) from the front. */
  private firstReceiver(): Waiter | null {
    for (let w = this.recvHead; w !== null; w = this.recvHead) {
      // Whether it still waits depends on whether a wake came first: inspecting it reads its wait.
      touch(w.task.woid, false);
      if (w.gen === w.task.waitGen) return w;
      this.recvHead = unlinkHead(w);
      if (this.recvHead === null) this.recvTail = null;
    }
    return null;
  }

  /** The oldest live parked sender, dropping stale ones from the front. */
  private firstSender(): Waiter | null {
    for (let w = this.sendHead; w !== null; w = this.sendHead) {
      // Whether it still waits depends on whether a wake came first: inspecting it reads its wait.
      touch(w.task.woid, false);
      if (w.gen === w.task.waitGen) return w;
      this.sendHead = unlinkHead(w);
      if (this.sendHead === null) this.sendTail = null;
    }
    return null;
  }

  private popReceiver(): Waiter | null {
    const w = this.firstReceiver();
    if (w !== null) {
      this.recvHead = unlinkHead(w);
      if (this.recvHead === null) this.recvTail = null;
    }
    return w;
  }

  private popSender(): Waiter | null {
    const w = this.firstSender();
    if (w !== null) {
      this.sendHead = unlinkHead(w);
      if (this.sendHead === null) this.sendTail = null;
    }
    return w;
  }

  /**
   * Receives now. Precondition: {@link canRecv}. Returns the value and sets `lastOk`.
   * A buffered channel drains its buffer before reporting closed.
   */
  recvNow(): T | undefined {
    // A signal channel is ready only once closed, and a receive then changes nothing.
    touch(this.oid, !this.signalOnly);
    const sender = this.popSender();
    if (sender !== null) {
      let v: T;
      if (this.cap === 0) {
        v = sender.value as T;
        this.hb()?.rendezvous(sender.task, false);
      } else {
        if (this.buf.length !== this.cap) fail(`${this.name}: a sender was parked while the buffer had room`);
        v = this.buf.shift() as T;
        this.buf.push(sender.value as T);
        this.hb()?.handOff(sender.task, false, this.buf.length);
      }
      this.completeSend(sender);
      this.lastOk = true;
      return v;
    }
    if (this.buf.length > 0) {
      this.lastOk = true;
      this.hb()?.slotOp(false, this.buf.length);
      return this.buf.shift();
    }
    if (!this.closed) fail(`${this.name}: recvNow on a channel that is not ready`);
    this.lastOk = false;
    this.hb()?.recvClosed(null);
    return undefined;
  }

  /** The `ok` of the last {@link recvNow}. */
  lastOk = false;

  /** Sends now. Precondition: {@link canSend}. Panics (throws GoPanic) when closed. */
  sendNow(v: T): void {
    if (this.signalOnly) fail(`send on signal channel ${this.name}: it is only ever closed`);
    touch(this.oid, true);
    if (this.closed) throw new GoPanic(`send on closed channel ${this.name}`);
    const receiver = this.popReceiver();
    if (receiver !== null) {
      if (this.buf.length !== 0) fail(`${this.name}: a receiver was parked while values were buffered`);
      const hb = this.hb();
      if (hb !== null) {
        if (this.cap === 0) hb.rendezvous(receiver.task, true);
        else hb.handOff(receiver.task, true, 0);
      }
      deliver(receiver, v, true);
      this.waker.wake(receiver.task);
      return;
    }
    if (this.buf.length >= this.cap) fail(`${this.name}: sendNow on a full channel`);
    this.hb()?.slotOp(true, this.buf.length);
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
    touch(this.oid, true);
    const n = this.buf.length;
    this.buf.length = 0;
    if (n > 0) this.hb()?.drained(n);
    return n;
  }

  /**
   * Go's `close(ch)`. Parked receivers get the zero value with ok=false; parked senders panic.
   * Closing a closed channel panics.
   */
  close(): void {
    touch(this.oid, true);
    if (this.closed) throw new GoPanic(`close of closed channel ${this.name}`);
    this.closed = true;
    const hb = this.hb();
    hb?.closed();
    for (let w = this.popReceiver(); w !== null; w = this.popReceiver()) {
      hb?.recvClosed(w.task);
      deliver(w, undefined, false);
      this.waker.wake(w.task);
    }
    for (let w = this.popSender(); w !== null; w = this.popSender()) {
      hb?.senderWoken(w.task);
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
