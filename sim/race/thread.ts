/**
 * A thread of the happens-before relation: a task, the setup phase before the run, or a
 * timer firing in kernel context. It owns a vector clock and remembers its last
 * synchronisation, so a race report can say what each side did last.
 */
import { VClock } from './vclock.ts';

/** One thread's happens-before state. */
export class Thread {
  /**
   * Its own entry has not been advanced since its last release: the next access (or
   * release whose snapshot must exclude what follows) ticks first. Ticking lazily keeps
   * sync-only code (ping-pong) from copying a page and a chunk at every operation.
   */
  dirty = true;
  /** Its own entry's current value (valid once {@link dirty} is false). */
  epoch = 0;
  /** Kind of its last synchronisation (`recv on`, `lock of`, `started by go statement in`...), or '' when none. */
  syncKind = '';
  /** Name of the object of its last synchronisation. */
  syncObj = '';
  /** Kernel step of its last synchronisation. */
  syncStep = -1;

  constructor(
    /** Its entry in every vector clock; -1 for a timer that has not needed one yet. */
    public slot: number,
    /** Task name (or `setup`, `timer ...`) for reports. */
    public name: string,
    /** What it knows. */
    public clock: VClock,
  ) {}

  /** Advances its own entry if a release happened since the last tick; returns the current epoch. */
  now(): number {
    if (this.dirty) {
      this.epoch = this.clock.tick(this.slot);
      this.dirty = false;
    }
    return this.epoch;
  }

  /** Records its latest synchronisation. */
  synced(kind: string, obj: string, step: number): void {
    this.syncKind = kind;
    this.syncObj = obj;
    this.syncStep = step;
  }

  /** Its last synchronisation in words, e.g. `recv on blk7.ch at step 12`, or `none`. */
  describeSync(): string {
    return this.syncKind === '' ? 'none' : `${this.syncKind} ${this.syncObj} at step ${this.syncStep}`;
  }
}
