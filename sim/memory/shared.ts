/**
 * A shared memory cell: a Go variable two goroutines may touch. Every load and store is
 * checked against the current task's happens-before knowledge and recorded with its site;
 * two accesses, at least one a store, that are not ordered are a data race (reported, the
 * run goes on, as `go test -race` without halt_on_error). Accesses are not scheduling
 * points and never enter the trace, so tracking changes no trace hash.
 */
import type { Sim } from '../kernel.ts';
import { NamedLocation } from './location.ts';
import { objectId, touch } from '../dpor/dependency-log.ts';

/** A tracked cell holding a `T`. */
export class Shared<T> {
  private readonly loc: NamedLocation;
  /** Its object id in the dependency log (partial-order reduction). */
  private readonly oid = objectId();

  constructor(
    private readonly sim: Sim,
    private value: T,
    /** Name for reports (the Go variable), e.g. `cfg.limit`. */
    readonly name = 'shared',
  ) {
    this.loc = new NamedLocation(name);
  }

  /** Reads the cell at `site` (e.g. `worker: read limit`). */
  load(site: string): T {
    touch(this.oid, false);
    this.sim.races?.access(this.loc, 0, false, site);
    return this.value;
  }

  /** Writes the cell at `site`. */
  store(v: T, site: string): void {
    touch(this.oid, true);
    this.sim.races?.access(this.loc, 0, true, site);
    this.value = v;
  }

  /** The value, read outside the simulation (checkers, tests): not tracked. */
  peek(): T {
    return this.value;
  }
}
