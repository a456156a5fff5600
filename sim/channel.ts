/**
 * Go channels: unbuffered (rendezvous) and buffered, with close and nil-channel
 * semantics. The algorithms live here; the kernel calls them while processing effects.
 */
import { assert, fail } from './assert.ts';
import { GoPanic } from './errors.ts';
import { K, type RecvEffect, type SelectEffect } from './effects.ts';
import type { Races } from './race/runtime.ts';
import type { Thread } from './race/thread.ts';
import type { VClock } from './race/vclock.ts';
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
  /*
   * Happens-before state (Go's runtime/race annotations in chan.go). `hb` is null when
   * race detection is off or the channel is a primitive's internal one.
   */
  private hb: Races | null;
  /** Buffered: one clock per buffer slot, indexed by the send and receive counters. */
  private slots: Array<VClock | null> | null = null;
  private sendx = 0;
  private recvx = 0;
  /** What `close` released. */
  private closeClock: VClock | null = null;

  constructor(
    /** Kernel hook used to wake parked tasks. */
    readonly waker: Waker,
    /** Dense id, used in traces. */
    readonly id: number,
    /** Buffer capacity; 0 is a rendezvous channel. */
    readonly cap: number,
    /** Human name for reports, e.g. `bulker.ch`. */
    readonly name: string,
    /** The run's happens-before runtime (null: race detection off). */
    races: Races | null = null,
  ) {
    if (!Number.isInteger(cap) || cap < 0) fail(`channel capacity must be a non-negative integer, got ${cap}`);
    this.hb = races;
  }

  /**
   * @internal Marks a sync primitive's own channel: it adds no happens-before edge (the
   * primitive annotates itself the way Go's does). Returns the channel.
   */
  internal(): this {
    this.hb = null;
    return this;
  }

  /** Number of buffered values (Go's `len(ch)`). */
  get length(): number {
    return this.buf.length;
  }

  /** True when a receive would complete now. */
  canRecv(): boolean {
    // A rendezvous channel never buffers; checking `cap` first keeps `buf` out of the cache.
    return (this.cap > 0 && this.buf.length > 0) || this.closed || this.firstSender() !== null;
  }

  /** True when a send would complete now (a send on a closed channel "completes" by panicking). */
  canSend(): boolean {
    return this.closed || (this.cap > 0 && this.buf.length < this.cap) || this.firstReceiver() !== null;
  }

  /** @internal Parks receiver `w` (which must not be queued anywhere) at the back of the receive queue. */
  pushReceiver(w: Waiter): void {
    if (w.queued) fail(`waiter of task ${w.task.name} is already queued`);
    w.queued = true;
    const t = this.recvTail;
    if (t === null) this.recvHead = w;
    else t.next = w;
    this.recvTail = w;
  }

  /** @internal Parks sender `w` (which must not be queued anywhere) at the back of the send queue. */
  pushSender(w: Waiter): void {
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
      if (w.gen === w.task.waitGen) return w;
      this.recvHead = unlinkHead(w);
      if (this.recvHead === null) this.recvTail = null;
    }
    return null;
  }

  /** The oldest live parked sender, dropping stale ones from the front. */
  private firstSender(): Waiter | null {
    for (let w = this.sendHead; w !== null; w = this.sendHead) {
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
    const sender = this.popSender();
    if (sender !== null) {
      let v: T;
      if (this.cap === 0) {
        v = sender.value as T;
        if (this.hb !== null) this.rendezvous(this.hb, sender.task, false);
      } else {
        if (this.buf.length !== this.cap) fail(`${this.name}: a sender was parked while the buffer had room`);
        v = this.buf.shift() as T;
        this.buf.push(sender.value as T);
        // Go: the receiver takes the head slot, the parked sender fills the same slot.
        if (this.hb !== null) this.handOff(this.hb, sender.task, false);
      }
      this.completeSend(sender);
      this.lastOk = true;
      return v;
    }
    if (this.buf.length > 0) {
      this.lastOk = true;
      if (this.hb !== null) this.slotOp(this.hb, this.hb.need(), false);
      return this.buf.shift();
    }
    if (!this.closed) fail(`${this.name}: recvNow on a channel that is not ready`);
    this.lastOk = false;
    if (this.hb !== null) this.acquireClose(this.hb, this.hb.need());
    return undefined;
  }

  /** The `ok` of the last {@link recvNow}. */
  lastOk = false;

  /** Sends now. Precondition: {@link canSend}. Panics (throws GoPanic) when closed. */
  sendNow(v: T): void {
    if (this.closed) throw new GoPanic(`send on closed channel ${this.name}`);
    const receiver = this.popReceiver();
    if (receiver !== null) {
      if (this.buf.length !== 0) fail(`${this.name}: a receiver was parked while values were buffered`);
      if (this.hb !== null) {
        // Go: a buffered channel pretends the value went through the buffer's next slot.
        if (this.cap === 0) this.rendezvous(this.hb, receiver.task, true);
        else this.handOff(this.hb, receiver.task, true);
      }
      deliver(receiver, v, true);
      this.waker.wake(receiver.task);
      return;
    }
    if (this.buf.length >= this.cap) fail(`${this.name}: sendNow on a full channel`);
    if (this.hb !== null) this.slotOp(this.hb, this.hb.need(), true);
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
    this.recvx += n; // Go's timerchandrain advances the receive index without synchronising
    return n;
  }

  /**
   * Go's `close(ch)`. Parked receivers get the zero value with ok=false; parked senders panic.
   * Closing a closed channel panics.
   */
  close(): void {
    if (this.closed) throw new GoPanic(`close of closed channel ${this.name}`);
    this.closed = true;
    const hb = this.hb;
    if (hb !== null) {
      const t = hb.need();
      this.closeClock = hb.releaseStore(t, 'close of', this.name);
      hb.note({ k: 'close', t: t.slot, ch: this.logId(hb) });
    }
    for (let w = this.popReceiver(); w !== null; w = this.popReceiver()) {
      if (hb !== null) this.acquireClose(hb, threadOf(w.task));
      deliver(w, undefined, false);
      this.waker.wake(w.task);
    }
    for (let w = this.popSender(); w !== null; w = this.popSender()) {
      if (hb !== null) hb.acquire(threadOf(w.task), this.closeClock, 'woken by close of', this.name);
      this.waker.wakeWithPanic(w.task, new GoPanic(`send on closed channel ${this.name}`));
    }
  }

  // ---------------------------------------------------------------- happens-before

  /** Unbuffered hand-off between the running thread and a parked partner (Go's `racesync`). */
  private rendezvous(hb: Races, partner: Task, sending: boolean): void {
    const me = hb.need();
    const other = threadOf(partner);
    hb.exchange(me, other, sending ? 'send on' : 'recv on', sending ? 'recv on' : 'send on', this.name);
    if (hb.log !== null) {
      const pair = hb.log.pair();
      const ch = this.logId(hb);
      hb.note({ k: 'rendezvous', t: me.slot, ch, pair });
      hb.note({ k: 'rendezvous', t: other.slot, ch, pair });
    }
  }

  /**
   * Buffered hand-off with a parked partner: the running thread, then the partner, take
   * the slot at the receive index (both name the same slot; Go's `racenotify` twice).
   */
  private handOff(hb: Races, partner: Task, sending: boolean): void {
    const me = hb.need();
    const other = threadOf(partner);
    const i = this.recvx % this.cap;
    const slots = this.slotClocks();
    slots[i] = hb.releaseStoreAcquire(me, slots[i] as VClock | null, sending ? 'send on' : 'recv on', this.name);
    slots[i] = hb.releaseStoreAcquire(other, slots[i] as VClock | null, sending ? 'recv on' : 'send on', this.name);
    if (hb.log !== null) {
      const ch = this.logId(hb);
      // The k-th receive meets the (k + cap)-th send when the sender was parked on a full buffer.
      const sendN = sending ? this.recvx : this.recvx + this.cap;
      hb.note({ k: sending ? 'send' : 'recv', t: me.slot, ch, cap: this.cap, n: sending ? sendN : this.recvx });
      hb.note({ k: sending ? 'recv' : 'send', t: other.slot, ch, cap: this.cap, n: sending ? this.recvx : sendN });
    }
    this.recvx++;
    this.sendx = this.recvx + this.buf.length;
  }

  /** A send into (or receive from) the buffer: the slot at the send (receive) index. */
  private slotOp(hb: Races, me: Thread, sending: boolean): void {
    if (this.sendx - this.recvx !== this.buf.length) fail(`${this.name}: send index ${this.sendx} and receive index ${this.recvx} disagree with ${this.buf.length} buffered values`);
    const n = sending ? this.sendx++ : this.recvx++;
    const i = n % this.cap;
    const slots = this.slotClocks();
    slots[i] = hb.releaseStoreAcquire(me, slots[i] as VClock | null, sending ? 'send on' : 'recv on', this.name);
    hb.note({ k: sending ? 'send' : 'recv', t: me.slot, ch: this.logId(hb), cap: this.cap, n });
  }

  /** A receive that returns because the channel is closed acquires what close released. */
  private acquireClose(hb: Races, t: Thread): void {
    hb.acquire(t, this.closeClock, 'recv (closed) on', this.name);
    hb.note({ k: 'recv-closed', t: t.slot, ch: this.logId(hb) });
  }

  private slotClocks(): Array<VClock | null> {
    if (this.slots === null) this.slots = new Array<VClock | null>(this.cap).fill(null);
    return this.slots;
  }

  private logId(hb: Races): number {
    return hb.log === null ? -1 : hb.log.id(this);
  }

  private completeSend(sender: Waiter): void {
    sender.value = undefined;
    if (sender.caseIdx >= 0) (sender.task.effect as SelectEffect).index = sender.caseIdx;
    this.waker.wake(sender.task);
  }
}

/** A parked task's happens-before thread (every task has one while race detection is on). */
function threadOf(t: Task): Thread {
  const th = t.thread;
  if (th === null) fail(`task ${t.name} has no happens-before thread while race detection is on`);
  return th;
}

function deliver(w: Waiter, value: unknown, ok: boolean): void {
  const e = w.task.effect as RecvEffect | SelectEffect;
  if (e.k === K.Select) e.index = w.caseIdx;
  e.value = value;
  e.ok = ok;
}
