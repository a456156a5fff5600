/**
 * Replay of a recorded decision list. A mismatch (the program changed) fails with a
 * precise message naming the first decision whose label or width differs.
 */
import type { Label } from '../label.ts';
import type { Decision } from './decision-log.ts';
import type { Strategy } from './strategy.ts';

/** Thrown (through the kernel's abort) when a replay diverges. */
export class ReplayDivergence extends Error {
  override readonly name = 'ReplayDivergence';
}

/** Replays `decisions` exactly. */
export class Replay implements Strategy {
  readonly name = 'replay';
  private i = 0;

  constructor(
    private readonly decisions: readonly Decision[],
    /** Called on divergence; the kernel passes its abort so the run ends cleanly. */
    private readonly onDiverge: (message: string) => never = (m) => {
      throw new ReplayDivergence(m);
    },
  ) {}

  /** Decisions consumed so far. */
  get position(): number {
    return this.i;
  }

  /** True when every recorded decision was consumed. */
  get complete(): boolean {
    return this.i === this.decisions.length;
  }

  /** A divergence message when the program ended before using every recorded decision. */
  end(): string | null {
    if (this.complete) return null;
    const d = this.decisions[this.i] as Decision;
    return `replay diverged at decision #${this.i}: recorded ${d.label} (width ${d.width}), but the program ended after ${this.i} of ${this.decisions.length} decisions`;
  }

  choose(width: number, l: Label): number {
    return this.next(width, l.name);
  }

  chooseTask(width: number): number {
    return this.next(width, 'sched');
  }

  private next(width: number, labelName: string): number {
    const d = this.decisions[this.i];
    if (d === undefined) {
      return this.onDiverge(`replay diverged at decision #${this.i}: the program asks for ${labelName} (width ${width}) but the recording has only ${this.decisions.length} decisions`);
    }
    if (d.label !== labelName || d.width !== width) {
      return this.onDiverge(
        `replay diverged at decision #${this.i}: recorded ${d.label} (width ${d.width}), the program asks for ${labelName} (width ${width})`,
      );
    }
    this.i++;
    return d.choice;
  }
}
