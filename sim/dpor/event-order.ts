/**
 * The happens-before order of one explored run, from its dependency log: program order of
 * each task, plus an edge between every two events that touch one object with at least
 * one write (in the order they ran). A kernel event (a timer fired when no task could
 * run, or by a time slip) happens after every earlier event: it occurs only once the
 * tasks stopped, or as a decision of its own, so no scheduling decision moves a step past
 * it. Each event gets a vector clock: `clock[k][slot]` is how many events of that slot
 * (slot 0 the kernel, slot `t + 1` task `t`) happen before or at event `k`.
 */
import { KERNEL, type DependencyLog, type Footprint } from './dependency-log.ts';

/** The order of one run's events. */
export interface EventOrder {
  /** Per event: its slot (0 the kernel, task id + 1). */
  readonly slot: Int32Array;
  /** Per event: its index among its slot's events. */
  readonly seq: Int32Array;
  /** Per event: its vector clock (length {@link slots}). */
  readonly clock: Int32Array[];
  /** Per event: the earlier events of other slots it depends on directly (the latest conflicting accesses per object). */
  readonly direct: Int32Array[];
  /**
   * Per event: for an object whose last writes were a run of one other task's writes (a
   * lock, then its unlock), the first of that run: a race partner through the run itself
   * (reversing it puts this event before the whole critical section).
   */
  readonly blockStarts: Int32Array[];
  /** Number of slots. */
  readonly slots: number;
  /** Whether kernel events are barriers (see {@link DependencyLog.barriers}). */
  readonly barriers: boolean;
}

/** Whether event `i` happens before (or is) the event whose clock is `c`. */
export function before(o: EventOrder, i: number, c: Int32Array): boolean {
  return (c[o.slot[i] as number] as number) > (o.seq[i] as number);
}

/**
 * Computes the order of the first `limit` events in `log` (default all). With `pending`,
 * a last event of the kernel is added that touches it: a firing that never ran.
 */
export function orderEvents(log: DependencyLog, limit = Number.POSITIVE_INFINITY, pending: Footprint | null = null): EventOrder {
  const logged = Math.min(limit, log.footprints.length);
  const n = logged + (pending === null ? 0 : 1);
  const taskOf = (k: number): number => (k < logged ? (log.tasks[k] as number) : KERNEL);
  let slots = 1;
  for (let k = 0; k < n; k++) slots = Math.max(slots, taskOf(k) + 2);
  const slot = new Int32Array(n);
  const seq = new Int32Array(n);
  const clock: Int32Array[] = [];
  const direct: Int32Array[] = [];
  const count = new Int32Array(slots);
  const last = new Int32Array(slots).fill(-1);
  const all = new Int32Array(slots);
  const lastWrite = new Map<number, number>();
  /** Per object: the first write of the run of writes by one task that ends at its last write. */
  const runStart = new Map<number, number>();
  const blockStarts: Int32Array[] = [];
  const starts: number[] = [];
  const reads = new Map<number, number[]>();
  const deps: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = taskOf(k);
    const s = t === KERNEL ? 0 : t + 1;
    slot[k] = s;
    seq[k] = count[s] as number;
    const fp = k < logged ? (log.footprints[k] as Footprint) : (pending as Footprint);
    deps.length = 0;
    starts.length = 0;
    for (const x of fp) {
      const id = x >> 1;
      const w = lastWrite.get(id);
      if (w !== undefined && slot[w] !== s) {
        deps.push(w);
        const b = runStart.get(id) as number;
        if (b !== w) starts.push(b);
      }
      if ((x & 1) === 1) for (const r of reads.get(id) ?? []) if (slot[r] !== s) deps.push(r);
    }
    let c: Int32Array;
    if (s === 0 && log.barriers) c = Int32Array.from(all);
    else {
      const p = last[s] as number;
      c = p >= 0 ? Int32Array.from(clock[p] as Int32Array) : new Int32Array(slots);
      for (const d of deps) join(c, clock[d] as Int32Array);
    }
    c[s] = (seq[k] as number) + 1;
    count[s] = (count[s] as number) + 1;
    last[s] = k;
    join(all, c);
    clock.push(c);
    direct.push(Int32Array.from(new Set(deps)));
    blockStarts.push(Int32Array.from(starts));
    for (const x of fp) {
      const id = x >> 1;
      if ((x & 1) === 1) {
        const w = lastWrite.get(id);
        if (w === undefined || slot[w] !== s || (reads.get(id)?.length ?? 0) > 0) runStart.set(id, k);
        lastWrite.set(id, k);
        reads.delete(id);
      } else {
        let rs = reads.get(id);
        if (rs === undefined) reads.set(id, (rs = []));
        rs.push(k);
      }
    }
  }
  return { slot, seq, clock, direct, blockStarts, slots, barriers: log.barriers };
}

function join(into: Int32Array, c: Int32Array): void {
  for (let i = 0; i < c.length; i++) if ((c[i] as number) > (into[i] as number)) into[i] = c[i] as number;
}

/**
 * The reversible races of the run: pairs (i, j), i < j, of events of two tasks that are
 * dependent, with no event between them that orders them (i happens before j only
 * through their own conflict). Without time slips kernel events never race (no
 * scheduling decision moves a task step past one); with them, one a slip fired races
 * with a later step (the step's task could have run at the slip instead).
 */
export function reversibleRaces(o: EventOrder): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  const n = o.clock.length;
  const lastOf = new Int32Array(o.slots).fill(-1);
  for (let j = 0; j < n; j++) {
    const s = o.slot[j] as number;
    const pred = lastOf[s] as number;
    lastOf[s] = j;
    // A kernel event races with an earlier step only when it could have come first (time slips).
    if (s === 0 && o.barriers) continue;
    const ds = o.direct[j] as Int32Array;
    for (const i of ds) {
      // A kernel event fired by a time slip races too: a task's step could have come before the slip.
      if (o.slot[i] === 0 && o.barriers) continue;
      if (pred >= 0 && before(o, i, o.clock[pred] as Int32Array)) continue;
      let via = false;
      for (const m of ds) if (m !== i && before(o, i, o.clock[m] as Int32Array)) via = true;
      if (!via) out.push([i, j]);
    }
    // A run's first write races too when only that task's own later events order it before `j`.
    for (const i of o.blockStarts[j] as Int32Array) {
      const si = o.slot[i] as number;
      if (si === 0 && o.barriers) continue;
      if (pred >= 0 && before(o, i, o.clock[pred] as Int32Array)) continue;
      let via = false;
      for (const m of ds) if (o.slot[m] !== si && before(o, i, o.clock[m] as Int32Array)) via = true;
      if (!via) out.push([i, j]);
    }
  }
  return out;
}

/**
 * Source-DPOR's initials of `v = notdep(i).j`: the tasks whose first event among the
 * events after `i` that do not happen after it (then `j`) has no predecessor there.
 * Running any of them first after the prefix before `i` starts a run that reverses the race.
 */
export function initials(o: EventOrder, i: number, j: number): number[] {
  const ci = o.slot[i] as number;
  const firstSeq = new Map<number, number>();
  const out: number[] = [];
  const consider = (k: number): void => {
    const s = o.slot[k] as number;
    if (firstSeq.has(s)) return;
    const c = o.clock[k] as Int32Array;
    let initial = true;
    for (const [r, fs] of firstSeq) if ((c[r] as number) > fs) initial = false;
    firstSeq.set(s, o.seq[k] as number);
    // With time slips the kernel is a task too: firing first is its step ({@link KERNEL}).
    if (initial && !(s === 0 && o.barriers)) out.push(s === 0 ? KERNEL : s - 1);
  };
  for (let k = i + 1; k < j; k++) {
    if ((o.clock[k] as Int32Array)[ci]! > (o.seq[i] as number)) continue;
    if (o.slot[k] === 0 && o.barriers) continue;
    consider(k);
  }
  consider(j);
  return out;
}
