/**
 * Test-only record of what happened, at the level of the Go memory model (which
 * operation, on which object, its sequence number), not of vector clocks: enough for an
 * independent checker to rebuild happens-before from the Go rules alone.
 */

/** One synchronisation or access, in execution order. `t` is the thread's slot. */
export type LoggedEvent =
  /** `go` statement: `t` started `child`. */
  | { readonly k: 'spawn'; readonly t: number; readonly child: number }
  /** The `n`-th send or receive (0-based) on a buffered channel of capacity `cap`. */
  | { readonly k: 'send' | 'recv'; readonly t: number; readonly ch: number; readonly cap: number; readonly n: number }
  /** One side of a rendezvous on an unbuffered channel; both sides share `pair`. */
  | { readonly k: 'rendezvous'; readonly t: number; readonly ch: number; readonly pair: number }
  /** `close(ch)`, and a receive that returned because the channel is closed. */
  | { readonly k: 'close' | 'recv-closed'; readonly t: number; readonly ch: number }
  /** The `n`-th Lock (returned) or Unlock of a mutex (0-based). */
  | { readonly k: 'lock' | 'unlock'; readonly t: number; readonly obj: number; readonly n: number }
  /** WaitGroup: a Done (or Add < 0), and a Wait that returned. */
  | { readonly k: 'wg-done' | 'wg-wait'; readonly t: number; readonly obj: number }
  /** RWMutex: RLock and Lock (returned), RUnlock and Unlock. */
  | { readonly k: 'rlock' | 'runlock' | 'wlock' | 'wunlock'; readonly t: number; readonly obj: number }
  /** Cond: a Signal or Broadcast woke the Wait of ticket `obj`; that Wait, woken. */
  | { readonly k: 'signal' | 'woken'; readonly t: number; readonly obj: number }
  /** Once: the first Do stored `done` after f; a later Do saw it. */
  | { readonly k: 'once-done' | 'once-seen'; readonly t: number; readonly obj: number }
  /** An access to a tracked location (`loc` its id, `group` its report group). */
  | { readonly k: 'access'; readonly t: number; readonly loc: number; readonly group: string; readonly write: boolean; readonly site: string };

/** The log of a run (only when {@link SimOptions.raceLog} is on). */
export class RaceLog {
  readonly events: LoggedEvent[] = [];
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;
  private pairs = 0;

  /** A dense id for an object (a channel, a mutex, a location), stable within the run. */
  id(o: object): number {
    let i = this.ids.get(o);
    if (i === undefined) {
      i = this.nextId++;
      this.ids.set(o, i);
    }
    return i;
  }

  /** A fresh rendezvous id. */
  pair(): number {
    return this.pairs++;
  }

  /** Appends one event. */
  push(e: LoggedEvent): void {
    this.events.push(e);
  }
}
