/**
 * A Go map shared between goroutines. Go's runtime catches unsynchronised map use itself
 * (`fatal error: concurrent map writes`, or `concurrent map read and map write`) and the
 * race detector reports it; here every operation is an access to the map as one location,
 * and an access unordered with an earlier conflicting one is that fatal error (a panic that
 * ends the run) after the race is recorded. Iteration order is a decision, as in Go it is
 * unspecified.
 */
import { GoPanic } from '../errors.ts';
import type { Sim } from '../kernel.ts';
import { label } from '../label.ts';
import { Raced } from '../race/detector.ts';
import { NamedLocation } from './location.ts';
import { objectId, touch } from '../dpor/dependency-log.ts';

/** A tracked map. */
export class GoMap<K, V> {
  /** Its object id in the dependency log (partial-order reduction). */
  private readonly oid = objectId();
  private readonly m = new Map<K, V>();
  private readonly loc: NamedLocation;

  constructor(
    private readonly sim: Sim,
    /** Name for reports (the Go variable). */
    readonly name = 'map',
  ) {
    this.loc = new NamedLocation(`map ${name}`, true);
  }

  /** `v, ok := m[k]` (undefined when absent). */
  get(k: K, site: string): V | undefined {
    this.touch(false, site);
    return this.m.get(k);
  }

  /** `_, ok := m[k]`. */
  has(k: K, site: string): boolean {
    this.touch(false, site);
    return this.m.has(k);
  }

  /** `len(m)`. */
  size(site: string): number {
    this.touch(false, site);
    return this.m.size;
  }

  /** `m[k] = v`. */
  set(k: K, v: V, site: string): void {
    this.touch(true, site);
    this.m.set(k, v);
  }

  /** `delete(m, k)`. */
  delete(k: K, site: string): void {
    this.touch(true, site);
    this.m.delete(k);
  }

  /** `for k := range m`: the keys in an order drawn from the decision stream (label `map-order.<name>`). */
  keys(site: string): K[] {
    this.touch(false, site);
    const rest = [...this.m.keys()];
    const out: K[] = [];
    const l = label(`map-order.${this.name}`, 'sched');
    while (rest.length > 0) out.push(rest.splice(this.sim.decide(rest.length, l), 1)[0] as K);
    return out;
  }

  /** `m[k]` read without tracking: for reports and tests outside the run, never for the modelled code. */
  peek(k: K): V | undefined {
    return this.m.get(k);
  }

  /** `m[k] = v` without tracking: test set-up that stands for state made before the run. */
  poke(k: K, v: V | undefined): void {
    if (v === undefined) this.m.delete(k);
    else this.m.set(k, v);
  }

  private touch(write: boolean, site: string): void {
    touch(this.oid, write);
    const hb = this.sim.races;
    if (hb === null) return;
    const r = hb.access(this.loc, 0, write, site);
    if (r === Raced.WriteWrite) throw new GoPanic('fatal error: concurrent map writes');
    if (r === Raced.ReadWrite) throw new GoPanic('fatal error: concurrent map read and map write');
  }
}
