/**
 * A Go integer field that some code updates with `sync/atomic` and other code reads or
 * writes plainly: the mix GoKer's data races on counters are about. An atomic operation
 * synchronises with the other atomic operations on the field (as {@link AtomicInt}) and is
 * also an access of the field's memory, made while the operation holds the field: so two
 * atomic operations never race with each other, and a plain access unordered with an
 * atomic write is a data race, as Go's race runtime reports it. An atomic load is not
 * recorded as an access (only its synchronisation is), since the shadow memory cannot tell
 * an atomic read from a plain one: a plain write racing only with atomic loads goes
 * unreported, which no GoKer kernel needs.
 */
import { gosched, type Proc, type Sim } from '../../sim/index.ts';
import { NamedLocation } from '../../sim/memory/location.ts';
import type { VClock } from '../../sim/race/vclock.ts';

/** An integer field with both atomic and plain accessors. */
export class AtomicField {
  private readonly loc: NamedLocation;
  /** What the atomic writes so far released. */
  private clock: VClock | null = null;

  constructor(
    private readonly sim: Sim,
    private v: number,
    /** The Go field, for reports, e.g. `c.stats.Writes`. */
    readonly name: string,
  ) {
    this.loc = new NamedLocation(name);
  }

  /** `atomic.AddInt(&f, delta)`, a scheduling point: returns the new value. */
  *atomicAdd(delta: number, site: string): Proc<number> {
    yield* gosched(`${this.name}.add`);
    const hb = this.sim.races;
    if (hb !== null) {
      const t = hb.need();
      hb.acquire(t, this.clock, 'atomic Add on', this.name);
      hb.access(this.loc, 0, true, site);
      this.clock = hb.releaseAcquire(t, this.clock, 'atomic Add on', this.name);
    }
    this.v += delta;
    return this.v;
  }

  /** `atomic.LoadInt(&f)`, a scheduling point: acquires what the atomic writes released. */
  *atomicLoad(): Proc<number> {
    yield* gosched(`${this.name}.load`);
    const hb = this.sim.races;
    if (hb !== null) hb.acquire(hb.need(), this.clock, 'atomic Load of', this.name);
    return this.v;
  }

  /** A plain read of the field. */
  load(site: string): number {
    this.sim.races?.access(this.loc, 0, false, site);
    return this.v;
  }

  /** A plain write of the field. */
  store(v: number, site: string): void {
    this.sim.races?.access(this.loc, 0, true, site);
    this.v = v;
  }
}
