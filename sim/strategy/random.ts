/**
 * Seeded random walk: every decision uniform (time slips rare), each from its label's stream.
 */
import type { Label } from '../label.ts';
import { scale, type Strategy } from './strategy.ts';
import { randomChoice, weightedChoice } from './slip.ts';
import { pick, streams, type Streams } from './streams.ts';

/** Uniform random choices from the run's seeded streams. */
export class RandomWalk implements Strategy {
  readonly name = 'random';
  private readonly s: Streams;
  /** The scheduling stream, held directly for the per-step `chooseTask`. */
  private readonly sched: Streams['sched'];

  constructor(
    /** The run seed. */
    readonly seed: number,
  ) {
    this.s = streams(seed);
    this.sched = this.s.sched;
  }

  choose(width: number, l: Label): number {
    return randomChoice(pick(this.s, l.stream)(), width, l);
  }

  chooseWeighted(weights: readonly number[], l: Label): number {
    return weightedChoice(pick(this.s, l.stream)(), weights);
  }

  chooseTask(width: number): number {
    return scale(this.sched(), width);
  }
}
