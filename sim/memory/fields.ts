/**
 * Tracked struct fields: one shadow location per field of one object, created on first
 * access. Reads and writes name their site; the tag (e.g. a pooled block's generation)
 * only goes into the report's location name.
 */
import type { Races } from '../race/runtime.ts';
import { Location, type LocationName } from './location.ts';

/** How the fields of one object are named in reports. */
export interface FieldNaming {
  /** The object as reports name it for an access with `tag`, e.g. `block 7.3`. */
  object(tag: number): string;
  /** The object's kind, e.g. `block`: races on one field of two objects of a kind count once per pair of sites. */
  readonly kind: string;
}

/** The shadow state of one object's fields. */
export class TrackedFields {
  private readonly locs = new Map<PropertyKey, Location>();

  constructor(private readonly naming: FieldNaming) {}

  /** Records a read of `field` at `site`. */
  read(hb: Races, field: PropertyKey, site: string, tag = -1): void {
    hb.access(this.location(field), false, site, tag);
  }

  /** Records a write of `field` at `site`. */
  write(hb: Races, field: PropertyKey, site: string, tag = -1): void {
    hb.access(this.location(field), true, site, tag);
  }

  private location(field: PropertyKey): Location {
    let l = this.locs.get(field);
    if (l === undefined) {
      const f = String(field);
      const naming = this.naming;
      const name: LocationName = { describe: (tag) => `${naming.object(tag)} .${f}`, group: `${naming.kind} .${f}` };
      l = new Location(name);
      this.locs.set(field, l);
    }
    return l;
  }
}
