/**
 * `sync.WaitGroup`. Add, Done and Wait are scheduling points; a negative counter panics.
 * Happens-before as Go's race annotations in `sync/waitgroup.go`: every Done (or Add
 * with a negative delta) release-merges into the WaitGroup, and Wait acquires when it
 * returns, so every Done before the counter reached zero happens before the Wait it
 * releases. Go also models the first Add (from zero) as a read and the first blocking
 * Wait as a write of the WaitGroup's semaphore, so an Add that is concurrent with a Wait
 * is reported as a data race; so does this model. The internal zero channel adds no edge.
 */
import type { Chan } from '../channel.ts';
import { GoPanic } from '../errors.ts';
import type { Proc } from '../effects.ts';
import type { Sim } from '../kernel.ts';
import { NamedLocation } from '../memory/location.ts';
import { gosched, recv } from '../ops.ts';
import type { VClock } from '../race/vclock.ts';
import { objectId, touch } from '../dpor/dependency-log.ts';
import { endFastPath } from './end-fast-path.ts';

/** A WaitGroup. */
export class WaitGroup {
  /** Its object id in the dependency log (partial-order reduction). */
  private readonly oid = objectId();
  private count = 0;
  private zero: Chan<never> | null = null;
  /** What every Done so far released. */
  private clock: VClock | null = null;
  /** Go's `wg.sema` as the race detector sees it. */
  private sema: NamedLocation | null = null;

  constructor(
    private readonly sim: Sim,
    /** Name for traces. */
    readonly name = 'waitgroup',
  ) {}

  /** Current counter. */
  get counter(): number {
    touch(this.oid, false);
    return this.count;
  }

  /** `Add(delta)`. */
  *add(delta: number): Proc<void> {
    yield* gosched(`${this.name}.add`);
    touch(this.oid, true);
    this.addNow(delta);
  }

  /** `Done()`. */
  *done(): Proc<void> {
    yield* this.add(-1);
  }

  /** `Wait()`: blocks until the counter is zero. */
  *wait(): Proc<void> {
    yield* gosched(`${this.name}.wait`);
    touch(this.oid, true);
    if (this.count === 0) {
      this.returned();
      yield* endFastPath();
      return;
    }
    if (this.zero === null) {
      this.zero = this.sim.chan<never>(0, `${this.name}.zero`).internal();
      this.touchSema(true, `${this.name}.Wait`); // the first waiter
    }
    yield* recv(this.zero);
    this.returned();
  }

  private addNow(delta: number): void {
    const hb = this.sim.races;
    if (hb !== null && delta < 0) {
      const t = hb.need();
      this.clock = hb.releaseMerge(t, this.clock, delta === -1 ? 'Done of' : 'Add (negative) of', this.name);
      hb.note({ k: 'wg-done', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this) });
    }
    this.count += delta;
    if (this.count < 0) throw new GoPanic(`sync: negative WaitGroup counter (${this.name})`);
    if (delta > 0 && this.count === delta) this.touchSema(false, `${this.name}.Add (from zero)`);
    if (this.count === 0 && this.zero !== null) {
      this.zero.close();
      this.zero = null;
    }
  }

  private returned(): void {
    const hb = this.sim.races;
    if (hb === null) return;
    const t = hb.need();
    hb.acquire(t, this.clock, 'Wait on', this.name);
    hb.note({ k: 'wg-wait', t: t.slot, obj: hb.log === null ? -1 : hb.log.id(this) });
  }

  private touchSema(write: boolean, site: string): void {
    const hb = this.sim.races;
    if (hb === null) return;
    this.sema ??= new NamedLocation(`${this.name}.sema (Add from zero vs Wait)`);
    hb.access(this.sema, 0, write, site);
  }
}
