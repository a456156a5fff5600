/**
 * The pre-run phase: decisions a system under test takes about its own configuration
 * (swarm switches) before any task exists. They are asked of the run's strategy and
 * recorded in the run's decision log, ahead of the run's own decisions, so a replay
 * follows them exactly; the kernel is then built from the configuration they chose,
 * never changed while it runs.
 */
import { assert, fail } from './assert.ts';
import { RunAbort } from './errors.ts';
import { openGuard } from './guard.ts';
import type { Label } from './label.ts';
import { askStrategy, choiceProblem } from './strategy/ask.ts';
import { DecisionLog } from './strategy/decision-log.ts';
import { ReplayDivergence } from './strategy/replay.ts';
import type { Strategy } from './strategy/strategy.ts';

/** Draws pre-run decisions; hand it to the kernel with `new Sim({ strategy, preRun })`. */
export class PreRun {
  /** The decisions drawn so far; the kernel continues this log. */
  readonly decisions = new DecisionLog();
  private diverged: string | null = null;
  private leaked: string | null = null;
  private closed = false;

  constructor(
    /** The run's strategy (the kernel must be given the same one). */
    readonly strategy: Strategy,
  ) {}

  /** A replay divergence met while drawing (the run then ends at once with it), or null. */
  get divergence(): string | null {
    return this.diverged;
  }

  /**
   * One decision in [0, width). After a replay divergence every further decision answers
   * 0 (the run will not start, so the values only need to be valid).
   */
  decide(width: number, l: Label): number {
    assert(!this.closed, `pre-run decision ${l.name} after the run was built`);
    if (!Number.isInteger(width) || width < 1) fail(`decision ${l.name} needs a positive integer width, got ${width}`);
    if (width === 1 || this.diverged !== null) return 0;
    let c: number;
    try {
      c = askStrategy(this.strategy, width, l, null);
    } catch (err) {
      if (!(err instanceof ReplayDivergence)) throw err;
      this.diverged = err.message;
      return 0;
    }
    const bad = choiceProblem(this.strategy, c, width, l);
    if (bad !== null) fail(bad);
    this.decisions.push(l, width, c);
    return c;
  }

  /** A nondeterminism leak met in {@link guarded} (the run then ends at once with it), or null. */
  get leak(): string | null {
    return this.leaked;
  }

  /**
   * Runs the target's configuration code (swarm switches) under the nondeterminism guard.
   * Returns its result, or undefined when it reached for real time or randomness.
   */
  guarded<T>(fn: () => T): T | undefined {
    const session = openGuard((what) => {
      this.leaked ??= `nondeterminism leak: ${what} called`;
      throw new RunAbort(this.leaked);
    });
    try {
      return fn();
    } catch (err) {
      if (err instanceof RunAbort && this.leaked !== null) return undefined;
      throw err;
    } finally {
      const late = session.close();
      if (late !== null) this.leaked ??= late;
    }
  }

  /** @internal Called by the kernel that takes over the log. */
  close(): void {
    assert(!this.closed, 'a pre-run phase is handed to one kernel');
    this.closed = true;
  }
}
