/**
 * `sync.Once`: Do runs its function once; a concurrent Do waits until that first call
 * has returned (even by panicking) and then returns without running its own. A Do that
 * calls Do on the same Once from inside the function waits for itself: a deadlock, as
 * the Go documentation warns.
 */
import { assert } from '../assert.ts';
import type { Chan } from '../channel.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { gosched, recv } from '../ops.ts';

/** A Once. */
export class Once {
  private done = false;
  private running = false;
  private readonly waiters: Chan<never>[] = [];

  constructor(
    private readonly sim: Sim,
    /** Name for traces and deadlock reports. */
    readonly name = 'once',
  ) {}

  /** Whether the function has run to its end (returned or panicked). */
  get isDone(): boolean {
    return this.done;
  }

  /** `Do(f)`: a scheduling point; runs `f` in the calling task when it is the first call. */
  *do(f: () => Proc<void>): Proc<void> {
    yield* gosched(`${this.name}.do`);
    assert(!(this.done && this.running), `${this.name}: done while its function is still running`);
    if (this.done) return;
    if (this.running) {
      const ch = this.sim.chan<never>(0, `${this.name}.do`);
      this.waiters.push(ch);
      yield* recv(ch);
      return;
    }
    this.running = true;
    try {
      yield* f();
    } finally {
      // Go marks the Once done in a defer, so a panicking f counts as having run.
      this.done = true;
      this.running = false;
      for (const ch of this.waiters.splice(0)) ch.close();
    }
  }
}
