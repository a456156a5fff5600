/**
 * A binary min-heap of pending timers ordered by (deadline, arming order).
 * Cancelled entries are removed lazily, so cancel and reset stay O(1).
 */
import { assert, fail } from './assert.ts';
import type { Micros } from './time.ts';
import type { VClock } from './race/vclock.ts';

/** One armed timer. `fire` runs in kernel context when the clock reaches `when`. */
export interface TimerEntry {
  readonly when: Micros;
  readonly seq: number;
  readonly fire: () => void;
  /** What it is for, for traces and reports. */
  readonly what: string;
  /** What its armer knew when arming it (the fire runs with it), or null when it orders nothing (or was cancelled). */
  armed: VClock | null;
  live: boolean;
  /** Its object id in the dependency log (its firing and its cancelling touch it), or -1 when nothing can cancel it. */
  readonly oid: number;
}

/** Pending timers. */
export class TimerHeap {
  private readonly heap: TimerEntry[] = [];
  private seq = 0;
  /** Number of live (not cancelled) entries. */
  liveCount = 0;

  /** Arms a timer. */
  push(when: Micros, what: string, fire: () => void, armed: VClock | null = null, oid = -1): TimerEntry {
    const e: TimerEntry = { when, seq: this.seq++, fire, what, armed, live: true, oid };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(e, h[p] as TimerEntry)) break;
      h[i] = h[p] as TimerEntry;
      i = p;
    }
    h[i] = e;
    this.liveCount++;
    return e;
  }

  /** Disarms an entry; returns whether it was still pending. */
  cancel(e: TimerEntry): boolean {
    if (!e.live) return false;
    e.live = false;
    e.armed = null; // a cancelled entry may wait in the heap until its deadline: keep no clock alive
    this.liveCount--;
    assert(this.liveCount >= 0, 'timer heap live count went negative');
    return true;
  }

  /** The earliest live entry, or undefined. */
  peek(): TimerEntry | undefined {
    this.dropDead();
    return this.heap[0];
  }

  /**
   * Removes and returns the earliest live entry. It stays live (cancellable) until the
   * caller {@link consume}s it, so a timer due at the same instant that cancels it first
   * still prevents it from firing.
   */
  pop(): TimerEntry | undefined {
    this.dropDead();
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.removeTop();
    return top;
  }

  /** Marks a popped, still-live entry as fired. */
  consume(e: TimerEntry): void {
    if (!e.live) fail(`timer ${e.what} fired after it was cancelled`);
    e.live = false;
    this.liveCount--;
  }

  private dropDead(): void {
    while (this.heap.length > 0 && !(this.heap[0] as TimerEntry).live) this.removeTop();
  }

  private removeTop(): void {
    const h = this.heap;
    const last = h.pop() as TimerEntry;
    if (h.length === 0) return;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(h[r] as TimerEntry, h[l] as TimerEntry) ? r : l;
      if (!less(h[c] as TimerEntry, last)) break;
      h[i] = h[c] as TimerEntry;
      i = c;
    }
    h[i] = last;
  }
}

function less(a: TimerEntry, b: TimerEntry): boolean {
  return a.when < b.when || (a.when === b.when && a.seq < b.seq);
}
