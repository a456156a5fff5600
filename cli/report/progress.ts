/**
 * Progress on stderr, never stdout (so `--json` stays one object). On a terminal: a bar
 * redrawn in place, once the work has run for a second: done of total, distinct bugs so
 * far, rate and ETA. Without a terminal (CI logs): one line at most every 10 s with the
 * same figures. `--quiet` turns it off. `dst run`, `dst explore` and `dst shrink` all
 * report through it.
 */
import { formatCount, plural } from './units.ts';

/** Where progress goes. */
export interface ProgressOut {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** What a progress report counts. */
export interface ProgressOptions {
  /** The command, for lines without a terminal (`dst run`). */
  readonly label: string;
  /** What is counted, singular (`run`, `schedule`). */
  readonly noun: string;
  /** How many there will be, or null when unknown (a budget decides). */
  readonly total: number | null;
  /** `total` is only a bound (exploration may exhaust its space sooner). */
  readonly totalIsBound?: boolean;
  /** When a wall-clock budget ends (as {@link now} tells time), or null. */
  readonly deadline?: number | null;
  readonly out: ProgressOut;
  /** No output at all (`--quiet`). */
  readonly quiet?: boolean;
  /** The wall clock in ms; injectable for tests. */
  readonly now?: () => number;
  /** Shortest gap between two lines without a terminal (ms; default 10,000). */
  readonly everyMs?: number;
}

/** `1m26s`, `43s`, `2h05m`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A progress report; call {@link tick} as work finishes and {@link finish} at the end. */
export class Progress {
  private done = 0;
  private bugs: number | null = null;
  private detail = '';
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private readonly now: () => number;
  private readonly start: number;
  private readonly tty: boolean;
  private readonly every: number;

  constructor(private readonly o: ProgressOptions) {
    this.now = o.now ?? Date.now; // determinism-ok: wall-clock progress of the CLI, outside any simulation
    this.start = this.now();
    this.tty = o.out.isTTY === true;
    this.every = o.everyMs ?? 10_000;
    if (!this.tty) this.lastDraw = this.start; // the first line comes after one interval
  }

  /** Counts `n` more done; `bugs`: distinct bug signatures so far, before consequences are folded into their bugs (omit when not counted); `detail`: a short status to append. */
  tick(n = 1, bugs?: number, detail?: string): void {
    this.done += n;
    if (bugs !== undefined) this.bugs = bugs;
    if (detail !== undefined) this.detail = detail;
    if (this.o.quiet) return;
    const now = this.now();
    if (this.tty) {
      if (now - this.start < 1000 || now - this.lastDraw < 100) return;
      this.lastDraw = now;
      this.drawn = true;
      this.o.out.write(`\r${this.bar()} ${this.figures(now)}\u001b[K`);
    } else if (now - this.lastDraw >= this.every) {
      this.lastDraw = now;
      this.o.out.write(`${this.o.label}: ${this.figures(now)}\n`);
    }
  }

  /** Erases the bar (before printing something else on the terminal); the next tick redraws it. */
  clear(): void {
    if (this.drawn) this.o.out.write('\r\u001b[K');
    this.drawn = false;
  }

  /** Ends the report (erases the bar). */
  finish(): void {
    this.clear();
  }

  /** `12 of 1,400 runs, 3 bug signatures so far, 12.3 runs/s, ETA 1m26s`. */
  figures(now: number): string {
    const { noun, total } = this.o;
    const secs = (now - this.start) / 1000;
    const rate = secs > 0 ? this.done / secs : 0;
    const parts = [total === null ? plural(this.done, noun) : `${formatCount(this.done)} of ${this.o.totalIsBound ? 'at most ' : ''}${plural(total, noun)}`];
    if (this.bugs !== null) parts.push(`${plural(this.bugs, 'bug signature')} so far`);
    parts.push(`${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)} ${noun}s/s`);
    const eta = this.eta(now, rate);
    if (eta !== null) parts.push(eta);
    if (this.detail !== '') parts.push(this.detail);
    return parts.join(', ');
  }

  private eta(now: number, rate: number): string | null {
    const { total } = this.o;
    const budgetLeft = this.o.deadline != null ? this.o.deadline - now : null;
    const workLeft = total !== null && rate > 0 ? ((total - this.done) / rate) * 1000 : null;
    if (workLeft !== null && (budgetLeft === null || workLeft <= budgetLeft)) return this.o.totalIsBound ? `at most ${formatDuration(workLeft)} left` : `ETA ${formatDuration(workLeft)}`;
    if (budgetLeft !== null) return `budget ends in ${formatDuration(budgetLeft)}`;
    return null;
  }

  private bar(): string {
    const width = 24;
    const { total } = this.o;
    let frac: number;
    if (total !== null && total > 0) frac = this.done / total;
    else if (this.o.deadline != null) frac = (this.now() - this.start) / Math.max(1, this.o.deadline - this.start);
    else return '';
    const filled = Math.max(0, Math.min(width, Math.round(frac * width)));
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
  }
}
