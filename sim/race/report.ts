/**
 * What the race detector reports: two accesses to one location, at least one a write,
 * not ordered by happens-before. One report per pair of sites (and location group),
 * with both sides and the last synchronisation each side did before its access.
 */
import type { Micros } from '../time.ts';

/** One side of a race: an access. */
export interface RaceSide {
  /** The accessing task (or `setup`, or a timer). */
  readonly task: string;
  readonly kind: 'read' | 'write';
  /** The access site the code named, e.g. `drain: n.next after send`. */
  readonly site: string;
  readonly step: number;
  readonly time: Micros;
  /** The last synchronisation of that task before the access, e.g. `send on blk7.ch at step 90`, or `none`. */
  readonly lastSync: string;
}

/** A data race. */
export interface DataRace {
  /** The location as first seen racing, e.g. `block 7.3 .next`. */
  readonly location: string;
  /** The location's group (the same field of any block, one cell), part of the dedupe key. */
  readonly group: string;
  /** The earlier access. */
  readonly first: RaceSide;
  /** The later access, during which the race was detected. */
  readonly second: RaceSide;
  /** How many times this pair of sites raced in the run. */
  count: number;
}

/** The dedupe key of a race: its location group and its two (site, kind) pairs, unordered. */
export function raceKey(group: string, a: string, ak: string, b: string, bk: string): string {
  const x = `${a} (${ak})`;
  const y = `${b} (${bk})`;
  return x <= y ? `${group}\u0000${x}\u0000${y}` : `${group}\u0000${y}\u0000${x}`;
}

/** One line for a race, e.g. for a property message. */
export function describeRace(r: DataRace): string {
  const side = (s: RaceSide): string => `${s.kind} by ${s.task} at ${s.site} (step ${s.step}, ${(s.time / 1e6).toFixed(3)}s; last sync: ${s.lastSync})`;
  return `data race on ${r.location}: ${side(r.second)} is unordered with the earlier ${side(r.first)}${r.count > 1 ? ` [${r.count} times]` : ''}`;
}
