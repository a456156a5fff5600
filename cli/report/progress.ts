/**
 * A progress bar on a TTY, shown only once a sweep has run for more than a second.
 */

/** Progress bar state. */
export class Progress {
  private done = 0;
  private failed = 0;
  private lastDraw = 0;
  private readonly start = Date.now(); // determinism-ok: wall-clock progress of the CLI, outside any simulation

  constructor(
    private readonly total: number,
    private readonly out: { write(s: string): unknown; isTTY?: boolean },
  ) {}

  /** Counts one finished case. */
  tick(failed: boolean): void {
    this.done++;
    if (failed) this.failed++;
    if (!this.out.isTTY) return;
    const now = Date.now(); // determinism-ok: CLI progress display
    if (now - this.start < 1000 || (now - this.lastDraw < 100 && this.done < this.total)) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    const rate = this.done / ((now - this.start) / 1000);
    this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} runs, ${this.failed} failed, ${rate.toFixed(1)} runs/s `);
  }

  /** Erases the bar's line (before printing something else); it is redrawn on the next tick. */
  clear(): void {
    if (this.out.isTTY) this.out.write('\r\u001b[K');
  }

  /** Clears the bar. */
  finish(): void {
    if (this.out.isTTY && Date.now() - this.start >= 1000) this.out.write('\r\u001b[K'); // determinism-ok: CLI progress display
  }
}
