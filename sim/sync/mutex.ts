/**
 * `sync.Mutex`: Lock and Unlock are scheduling points; waiters are served FIFO;
 * unlocking an unlocked mutex is a fatal error (a panic here).
 */
import type { Chan } from '../channel.ts';
import { GoPanic } from '../errors.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { gosched, recv } from '../ops.ts';

/** A mutex. */
export class Mutex {
  private locked = false;
  private readonly waiters: Chan<never>[] = [];

  constructor(
    private readonly sim: Sim,
    /** Name for traces. */
    readonly name = 'mutex',
  ) {}

  /** Whether the mutex is held. */
  get isLocked(): boolean {
    return this.locked;
  }

  /** `Lock()`. */
  *lock(): Proc<void> {
    yield* gosched(`${this.name}.lock`);
    if (!this.locked) {
      this.locked = true;
      return;
    }
    const ch = this.sim.chan<never>(0, `${this.name}.wait`);
    this.waiters.push(ch);
    yield* recv(ch);
  }

  /** `Unlock()`: hands the lock to the oldest waiter, if any. */
  *unlock(): Proc<void> {
    yield* gosched(`${this.name}.unlock`);
    if (!this.locked) throw new GoPanic(`sync: unlock of unlocked mutex (${this.name})`);
    const next = this.waiters.shift();
    if (next === undefined) this.locked = false;
    else next.close();
  }
}
