/**
 * A deterministic strategy for tests: scheduling always picks the first runnable task;
 * each labelled decision takes the next value of that label's list (0 past the end).
 * Used to force one branch of a select (e.g. "ctx done" over "send") by name.
 */
import type { Label, RunnableView, Strategy } from '../../sim/index.ts';

/** Decisions by label name. */
export class LabelChooser implements Strategy {
  readonly name = 'label-list';
  private readonly lists: Map<string, number[]>;

  constructor(
    lists: Record<string, readonly number[]> = {},
    /** Tasks whose name starts with this run first when runnable (e.g. woken callers). */
    private readonly prefer?: string,
  ) {
    this.lists = new Map(Object.entries(lists).map(([k, v]) => [k, v.slice()]));
  }

  choose(width: number, l: Label): number {
    const v = this.lists.get(l.name)?.shift() ?? 0;
    return Math.min(Math.max(0, v), width - 1);
  }

  chooseTask(width: number, _current: number, tasks: RunnableView): number {
    if (this.prefer === undefined) return 0;
    for (let i = 0; i < width; i++) {
      if (tasks.name(i).startsWith(this.prefer)) return i;
    }
    return 0;
  }
}
