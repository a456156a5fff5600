/**
 * Happens-before on one channel, as Go's `runtime/race` annotations in `chan.go` give it:
 * an unbuffered hand-off exchanges both clocks (`racesync`); a buffered channel has one
 * clock per buffer slot, indexed by its send and receive counters, and each operation on a
 * slot release-store-acquires it (`racenotify`), so send k happens before receive k
 * completes and receive k before send k+C completes; `close` releases, and a receive that
 * returns because the channel is closed (a parked receiver woken by the close too) acquires.
 * The channel calls these at the points where the operations happen.
 */
import { fail } from '../assert.ts';
import type { Task } from '../task.ts';
import type { Races } from './runtime.ts';
import type { Thread } from './thread.ts';
import type { VClock } from './vclock.ts';

/** A parked task's happens-before thread (every task has one while race detection is on). */
function threadOf(t: Task): Thread {
  const th = t.thread;
  if (th === null) fail(`task ${t.name} has no happens-before thread while race detection is on`);
  return th;
}

/** The clocks of one channel. */
export class ChanClocks {
  /** Buffered: one clock per slot (made on first use). */
  private slots: Array<VClock | null> | null = null;
  /** Sends and receives so far (absolute; the slot is the counter modulo the capacity). */
  private sendx = 0;
  private recvx = 0;
  /** What `close` released. */
  private closeClock: VClock | null = null;

  constructor(
    private readonly hb: Races,
    /** The channel (identity for the test log). */
    private readonly ch: object,
    private readonly cap: number,
    private readonly name: string,
  ) {}

  /** Unbuffered hand-off between the running thread and a parked partner. */
  rendezvous(partner: Task, sending: boolean): void {
    const hb = this.hb;
    const me = hb.need();
    const other = threadOf(partner);
    hb.exchange(me, other, sending ? 'send on' : 'recv on', sending ? 'recv on' : 'send on', this.name);
    if (hb.log !== null) {
      const pair = hb.log.pair();
      const ch = hb.log.id(this.ch);
      hb.note({ k: 'rendezvous', t: me.slot, ch, pair });
      hb.note({ k: 'rendezvous', t: other.slot, ch, pair });
    }
  }

  /**
   * Buffered hand-off with a parked partner: the running thread, then the partner, take the
   * slot at the receive index (Go: a receiver takes a full buffer's head and the parked
   * sender's value goes into the same slot; a sender to a parked receiver pretends its
   * value went through the buffer). `buffered` is the number of values buffered after it.
   */
  handOff(partner: Task, sending: boolean, buffered: number): void {
    const hb = this.hb;
    const me = hb.need();
    const other = threadOf(partner);
    const i = this.recvx % this.cap;
    const slots = this.slotClocks();
    slots[i] = hb.releaseStoreAcquire(me, slots[i] as VClock | null, sending ? 'send on' : 'recv on', this.name);
    slots[i] = hb.releaseStoreAcquire(other, slots[i] as VClock | null, sending ? 'recv on' : 'send on', this.name);
    if (hb.log !== null) {
      const ch = hb.log.id(this.ch);
      // The k-th receive meets the (k + cap)-th send when the sender was parked on a full buffer.
      const sendN = sending ? this.recvx : this.recvx + this.cap;
      hb.note({ k: sending ? 'send' : 'recv', t: me.slot, ch, cap: this.cap, n: sending ? sendN : this.recvx });
      hb.note({ k: sending ? 'recv' : 'send', t: other.slot, ch, cap: this.cap, n: sending ? this.recvx : sendN });
    }
    this.recvx++;
    this.sendx = this.recvx + buffered;
  }

  /** A send into (or receive from) the buffer by the running thread; `buffered` values are buffered before it. */
  slotOp(sending: boolean, buffered: number): void {
    if (this.sendx - this.recvx !== buffered) fail(`${this.name}: send index ${this.sendx} and receive index ${this.recvx} disagree with ${buffered} buffered values`);
    const hb = this.hb;
    const me = hb.need();
    const n = sending ? this.sendx++ : this.recvx++;
    const i = n % this.cap;
    const slots = this.slotClocks();
    slots[i] = hb.releaseStoreAcquire(me, slots[i] as VClock | null, sending ? 'send on' : 'recv on', this.name);
    if (hb.log !== null) hb.note({ k: sending ? 'send' : 'recv', t: me.slot, ch: hb.log.id(this.ch), cap: this.cap, n });
  }

  /** `n` buffered values were dropped (Go's `timerchandrain`: the receive index moves, nothing synchronises). */
  drained(n: number): void {
    this.recvx += n;
  }

  /** The running thread closes the channel. */
  closed(): void {
    const hb = this.hb;
    const t = hb.need();
    this.closeClock = hb.releaseStore(t, 'close of', this.name);
    if (hb.log !== null) hb.note({ k: 'close', t: t.slot, ch: hb.log.id(this.ch) });
  }

  /** A receive that returns because the channel is closed: by the running thread, or by a parked `task` woken by the close. */
  recvClosed(task: Task | null): void {
    const hb = this.hb;
    const t = task === null ? hb.need() : threadOf(task);
    hb.acquire(t, this.closeClock, 'recv (closed) on', this.name);
    if (hb.log !== null) hb.note({ k: 'recv-closed', t: t.slot, ch: hb.log.id(this.ch) });
  }

  /** A parked sender woken by the close (it panics, after acquiring what the close released). */
  senderWoken(task: Task): void {
    this.hb.acquire(threadOf(task), this.closeClock, 'woken by close of', this.name);
  }

  private slotClocks(): Array<VClock | null> {
    if (this.slots === null) this.slots = new Array<VClock | null>(this.cap).fill(null);
    return this.slots;
  }
}
