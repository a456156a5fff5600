/**
 * `sync.RWMutex`: any number of readers or one writer. Every call is a scheduling point.
 * As in Go, a writer waiting for the lock blocks new readers (so readers cannot starve
 * it), the readers that arrived while a writer held the lock go first when it unlocks,
 * and unlocking what is not locked is a fatal error (a panic here).
 */
import type { Chan } from '../channel.ts';
import { GoPanic } from '../errors.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { gosched, recv } from '../ops.ts';

/** A readers-writer lock. */
export class RWMutex {
  private readers = 0;
  private writer = false;
  private readonly readWaiters: Chan<never>[] = [];
  private readonly writeWaiters: Chan<never>[] = [];

  constructor(
    private readonly sim: Sim,
    /** Name for traces. */
    readonly name = 'rwmutex',
  ) {}

  /** `RLock()`. */
  *rlock(): Proc<void> {
    yield* gosched(`${this.name}.rlock`);
    if (!this.writer && this.writeWaiters.length === 0) {
      this.readers++;
      return;
    }
    const ch = this.sim.chan<never>(0, `${this.name}.rwait`);
    this.readWaiters.push(ch);
    yield* recv(ch);
  }

  /** `RUnlock()`. */
  *runlock(): Proc<void> {
    yield* gosched(`${this.name}.runlock`);
    if (this.readers <= 0) throw new GoPanic(`sync: RUnlock of unlocked RWMutex (${this.name})`);
    this.readers--;
    if (this.readers === 0) this.handToWriter();
  }

  /** `Lock()`. */
  *lock(): Proc<void> {
    yield* gosched(`${this.name}.lock`);
    if (!this.writer && this.readers === 0 && this.writeWaiters.length === 0) {
      this.writer = true;
      return;
    }
    const ch = this.sim.chan<never>(0, `${this.name}.wwait`);
    this.writeWaiters.push(ch);
    yield* recv(ch);
  }

  /** `Unlock()`: waiting readers first, else the next writer. */
  *unlock(): Proc<void> {
    yield* gosched(`${this.name}.unlock`);
    if (!this.writer) throw new GoPanic(`sync: Unlock of unlocked RWMutex (${this.name})`);
    this.writer = false;
    if (this.readWaiters.length > 0) {
      for (const ch of this.readWaiters.splice(0)) {
        this.readers++;
        ch.close();
      }
      return;
    }
    this.handToWriter();
  }

  private handToWriter(): void {
    const next = this.writeWaiters.shift();
    if (next === undefined) return;
    this.writer = true;
    next.close();
  }
}
