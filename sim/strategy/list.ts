/**
 * A chooser fed by a list of integers, for fast-check: each decision takes the next
 * integer clamped to the width; past the end of the list every decision is 0. Shrinking
 * the list (shorter, smaller numbers) shrinks the schedule.
 */
import type { Strategy } from './strategy.ts';

/** Decisions from a list of naturals. */
export class ListChooser implements Strategy {
  readonly name = 'list';
  private i = 0;

  constructor(private readonly values: readonly number[]) {}

  choose(width: number): number {
    return this.next(width);
  }

  chooseTask(width: number): number {
    return this.next(width);
  }

  private next(width: number): number {
    const v = this.values[this.i++];
    if (v === undefined) return 0;
    return Math.min(Math.max(0, Math.floor(v)), width - 1);
  }
}
