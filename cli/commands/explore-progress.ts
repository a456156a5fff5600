/**
 * The progress line of a long exploration, on stderr: schedules, classes, rate and depth,
 * every 2 s once the exploration has run 2 s (at once on a terminal). Reads the host
 * clock only between runs, never inside one.
 */
import type { ExploreProgress } from '../../sim/index.ts';

/** One progress line. */
export function progressLine(p: ExploreProgress, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round((p.schedules * 1000) / elapsedMs) : 0;
  // Without reduction classes are not counted (0): say nothing of them.
  const reduced = p.classes > 0 || p.redundant > 0 ? `, ${p.classes.toLocaleString('en-US')} classes, ${p.redundant.toLocaleString('en-US')} redundant` : '';
  return `dst explore: ${p.schedules.toLocaleString('en-US')} schedules${reduced}, ${rate.toLocaleString('en-US')}/s, depth ${p.depth} (${(elapsedMs / 1000).toFixed(0)} s)`;
}

/** Decides when to print a progress line. */
export class ProgressTicker {
  private readonly start: number;
  private last: number;
  private printed = false;
  private calls = 0;

  constructor(
    private readonly out: { write(s: string): unknown; isTTY?: boolean },
    private readonly now: () => number,
    /** Milliseconds between lines, and before the first when not on a terminal. */
    private readonly every = 2_000,
  ) {
    this.start = now();
    this.last = this.start;
  }

  /** Called after every schedule. */
  tick(p: ExploreProgress): void {
    // Reading the clock costs little, but not nothing: look every 16 schedules.
    if ((++this.calls & 15) !== 0) return;
    const t = this.now();
    const tty = this.out.isTTY === true;
    if (t - this.last < this.every && !(tty && !this.printed && t - this.start >= 500)) return;
    if (!tty && t - this.start < this.every) return;
    this.last = t;
    this.printed = true;
    this.out.write(tty ? `\r${progressLine(p, t - this.start)}\x1b[K` : `${progressLine(p, t - this.start)}\n`);
  }

  /** Ends the line on a terminal. */
  finish(): void {
    if (this.printed && this.out.isTTY === true) this.out.write('\n');
  }
}
