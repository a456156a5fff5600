/**
 * A decorator that makes any strategy record the dependency relation (for interleaving
 * coverage of random and PCT runs): every decision passes through unchanged.
 */
import type { Label } from '../label.ts';
import type { RunnableView, Strategy } from '../strategy/strategy.ts';
import { DependencyLog } from './dependency-log.ts';

/** Wraps `inner`; the kernel records the run's events into {@link dependencies}. */
export class Recording implements Strategy {
  readonly name: string;
  readonly dependencies = new DependencyLog();

  constructor(private readonly inner: Strategy) {
    this.name = inner.name;
    if (inner.chooseWeighted !== undefined) this.chooseWeighted = (w, l) => (inner.chooseWeighted as NonNullable<Strategy['chooseWeighted']>)(w, l);
    if (inner.onSpawn !== undefined) this.onSpawn = (id, parent) => (inner.onSpawn as NonNullable<Strategy['onSpawn']>)(id, parent);
    if (inner.onWake !== undefined) this.onWake = (id, waker) => (inner.onWake as NonNullable<Strategy['onWake']>)(id, waker);
    if (inner.end !== undefined) this.end = () => (inner.end as NonNullable<Strategy['end']>)();
    if (inner.forced !== undefined) this.forced = (w, c, t) => (inner.forced as NonNullable<Strategy['forced']>)(w, c, t);
  }

  /** Forwarded to the wrapped strategy when it has one. */
  chooseWeighted?: Strategy['chooseWeighted'];
  /** Forwarded to the wrapped strategy when it has one. */
  onSpawn?: Strategy['onSpawn'];
  /** Forwarded to the wrapped strategy when it has one. */
  onWake?: Strategy['onWake'];
  /** Forwarded to the wrapped strategy when it has one. */
  end?: Strategy['end'];
  /** Forwarded to the wrapped strategy when it has one. */
  forced?: Strategy['forced'];

  choose(width: number, l: Label): number {
    return this.inner.choose(width, l);
  }

  chooseTask(width: number, current: number, tasks: RunnableView): number {
    return this.inner.chooseTask(width, current, tasks);
  }
}
