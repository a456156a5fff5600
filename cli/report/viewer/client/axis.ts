/**
 * The virtual-time axis. Time is linear, except that steps taken at one instant (most of
 * a run: time only moves when a timer fires) are spread: each event that shares its
 * instant with the previous shown event takes `gap` pixels of its own, so a burst of
 * steps at 30.880000 s reads left to right in trace order. The spread takes at most a
 * share of the width, so a zoomed-out view stays linear in time; zooming in below a few
 * milliseconds widens the gaps, so one instant can fill the screen.
 */
import { lowerBound, upperBound } from './dom.ts';

/** Pixels per spread step when zoomed out. */
const BASE_GAP = 30;
/** Below this span (µs) the gap grows as the view narrows. */
const NARROW_US = 2000;

/** The mapping from (time, spread count) to x, for one view. */
export class Axis {
  /**
   * `spread[i]`: the number of spread steps among shown events before event `i`
   * (`spread[n]` is the total); `own[i]` is 1 when event `i` itself is one.
   */
  private readonly spread: Int32Array;
  private readonly own: Uint8Array;
  private t0 = 0;
  private t1 = 1;
  private width = 1;
  private e0 = 0;
  private gapPx = BASE_GAP;
  private timePx = 1;

  constructor(
    private readonly times: Float64Array,
    shown: (seq: number) => boolean,
  ) {
    const n = times.length;
    this.spread = new Int32Array(n + 1);
    this.own = new Uint8Array(n);
    let count = 0;
    let lastT = Number.NaN;
    for (let i = 0; i < n; i++) {
      this.spread[i] = count;
      if (!shown(i)) continue;
      const t = times[i] as number;
      if (t === lastT) {
        count++;
        this.own[i] = 1;
      }
      lastT = t;
    }
    this.spread[n] = count;
  }

  /** Sets the view: times t0..t1 (µs) across `width` pixels. */
  setView(t0: number, t1: number, width: number): void {
    this.t0 = t0;
    this.t1 = Math.max(t1, t0 + 1);
    this.width = Math.max(1, width);
    const span = this.t1 - this.t0;
    this.e0 = this.spreadAt(this.t0);
    const steps = this.spread[upperBound(this.times, this.t1)] as number;
    const inView = Math.max(0, steps - this.e0);
    const narrow = Math.max(1, NARROW_US / span);
    const share = span < NARROW_US ? 0.9 : 0.5;
    const gap = Math.min(120, BASE_GAP * narrow);
    this.gapPx = inView === 0 ? 0 : Math.min(gap, (share * this.width) / inView);
    this.timePx = (this.width - inView * this.gapPx) / span;
  }

  /** The view's start and end times. */
  get start(): number {
    return this.t0;
  }

  get end(): number {
    return this.t1;
  }

  /** Spread steps before the first event at or after `t`. */
  private spreadAt(t: number): number {
    return this.spread[lowerBound(this.times, t)] as number;
  }

  /** x of event `seq`. */
  x(seq: number): number {
    const e = (this.spread[seq] as number) + (this.own[seq] as number);
    return (this.times[seq] as number - this.t0) * this.timePx + (e - this.e0) * this.gapPx;
  }

  /** x of time `t` (before any event at `t`). */
  xOfTime(t: number): number {
    return (t - this.t0) * this.timePx + (this.spreadAt(t) - this.e0) * this.gapPx;
  }

  /** The time whose x is nearest `x` (for zooming around the pointer). */
  timeAt(x: number): number {
    let lo = this.t0;
    let hi = this.t1;
    for (let i = 0; i < 48; i++) {
      const m = (lo + hi) / 2;
      if (this.xOfTime(m) < x) lo = m;
      else hi = m;
    }
    return (lo + hi) / 2;
  }

  /** Pixels one spread step takes in this view. */
  get gap(): number {
    return this.gapPx;
  }

  /** Microseconds of time per pixel (ignoring the spread). */
  get usPerPx(): number {
    return 1 / this.timePx;
  }
}

/** Tick times for a view: round values, about one per `pxPerTick` of pure time. */
export function ticks(t0: number, t1: number, width: number, pxPerTick = 110): { step: number; values: number[] } {
  const target = ((t1 - t0) / width) * pxPerTick;
  const pow = 10 ** Math.floor(Math.log10(Math.max(1, target)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= target) ?? pow * 10;
  const values: number[] = [];
  for (let v = Math.ceil(t0 / step) * step; v <= t1 && values.length < 200; v += step) values.push(v);
  return { step, values };
}
