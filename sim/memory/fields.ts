/**
 * Tracked struct fields: one shadow location per field of one object. The fields of a
 * kind of object (a pool's payload) are numbered once by a shared {@link FieldLayout},
 * so an object's shadow state is one small array. The tag an accessor passes (a pooled
 * block's generation) only goes into the report's location name.
 */
import type { Races } from '../race/runtime.ts';
import { LocationSet } from './location.ts';

/** The numbering and naming of the fields of one kind of object, e.g. `block`. */
export class FieldLayout {
  private readonly index = new Map<string, number>();
  /** Field names by number. */
  readonly names: string[] = [];

  constructor(
    /** The objects' kind as reports name it, e.g. `block`. */
    readonly kind: string,
  ) {}

  /** The number of `field` (assigned on first use). */
  indexOf(field: string): number {
    let i = this.index.get(field);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(field);
      this.index.set(field, i);
    }
    return i;
  }
}

/** The shadow state of one object's fields. */
export class TrackedFields extends LocationSet {
  constructor(
    private readonly layout: FieldLayout,
    /** The object's number in reports, e.g. a block's id. */
    readonly id: number,
  ) {
    super(0);
  }

  /** Records a read of `field` at `site`. */
  read(hb: Races, field: string, site: string, tag = -1): void {
    hb.access(this, this.slotOf(field), false, site, tag);
  }

  /** Records a write of `field` at `site`. */
  write(hb: Races, field: string, site: string, tag = -1): void {
    hb.access(this, this.slotOf(field), true, site, tag);
  }

  describe(i: number, tag: number): string {
    return `${this.layout.kind} ${this.id}${tag >= 0 ? `.${tag}` : ''} .${this.layout.names[i]}`;
  }

  group(i: number): string {
    return `${this.layout.kind} .${this.layout.names[i]}`;
  }

  private slotOf(field: string): number {
    const i = this.layout.indexOf(field);
    const h = this.heads;
    while (h.length <= i) h.push(-1);
    return i;
  }
}
