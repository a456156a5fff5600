/**
 * `sync.WaitGroup`. Add, Done and Wait are scheduling points; a negative counter panics.
 */
import type { Chan } from '../channel.ts';
import { GoPanic } from '../errors.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { gosched, recv } from '../ops.ts';

/** A WaitGroup. */
export class WaitGroup {
  private count = 0;
  private zero: Chan<never> | null = null;

  constructor(
    private readonly sim: Sim,
    /** Name for traces. */
    readonly name = 'waitgroup',
  ) {}

  /** Current counter. */
  get counter(): number {
    return this.count;
  }

  /** `Add(delta)`. */
  *add(delta: number): Proc<void> {
    yield* gosched(`${this.name}.add`);
    this.addNow(delta);
  }

  /** `Done()`. */
  *done(): Proc<void> {
    yield* this.add(-1);
  }

  /** `Wait()`: blocks until the counter is zero. */
  *wait(): Proc<void> {
    yield* gosched(`${this.name}.wait`);
    if (this.count === 0) return;
    if (this.zero === null) this.zero = this.sim.chan<never>(0, `${this.name}.zero`);
    yield* recv(this.zero);
  }

  private addNow(delta: number): void {
    this.count += delta;
    if (this.count < 0) throw new GoPanic(`sync: negative WaitGroup counter (${this.name})`);
    if (this.count === 0 && this.zero !== null) {
      this.zero.close();
      this.zero = null;
    }
  }
}
