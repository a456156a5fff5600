/**
 * PCT: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
 * ASPLOS 2010). Each task gets a random priority above `depth`; the highest-priority
 * runnable task always runs; at `depth - 1` random change points the running task's
 * priority drops below every initial one. A bug of depth d is found with probability at
 * least 1 / (n · k^(d-1)) for n tasks and k steps.
 */
import type { Label } from '../label.ts';
import { scale, type RunnableView, type Strategy } from './strategy.ts';
import { randomChoice, weightedChoice } from './slip.ts';
import { pick, streams, type Streams } from './streams.ts';

/** Options of {@link Pct}. */
export interface PctOptions {
  /** Bug depth d ≥ 1 (d − 1 priority change points). */
  readonly depth: number;
  /** Estimate of the number of scheduling steps k; change points are drawn in [1, k]. */
  readonly steps: number;
}

/** The PCT scheduler. Non-scheduling decisions are uniform from their streams. */
export class Pct implements Strategy {
  readonly name = 'pct';
  private readonly s: Streams;
  private readonly priority = new Map<number, number>();
  private readonly changeAt: number[];
  private stepNo = 0;

  constructor(
    readonly seed: number,
    private readonly opts: PctOptions,
  ) {
    this.s = streams(seed);
    this.changeAt = [];
    for (let i = 0; i < opts.depth - 1; i++) this.changeAt.push(1 + scale(this.s.sched(), Math.max(1, opts.steps)));
  }

  onSpawn(taskId: number): void {
    // Initial priorities lie in (depth, depth + 1): distinct with probability 1, all above change-point priorities.
    this.priority.set(taskId, this.opts.depth + this.s.sched());
  }

  chooseWeighted(weights: readonly number[], l: Label): number {
    return weightedChoice(pick(this.s, l.stream)(), weights);
  }

  choose(width: number, l: Label): number {
    return randomChoice(pick(this.s, l.stream)(), width, l);
  }

  chooseTask(width: number, _current: number, tasks: RunnableView): number {
    this.stepNo++;
    let best = 0;
    let bestP = -1;
    for (let i = 0; i < width; i++) {
      const p = this.priority.get(tasks.id(i)) ?? 0;
      if (p > bestP) {
        bestP = p;
        best = i;
      }
    }
    for (let j = 0; j < this.changeAt.length; j++) {
      if (this.changeAt[j] === this.stepNo) this.priority.set(tasks.id(best), j + 1);
    }
    return best;
  }
}
