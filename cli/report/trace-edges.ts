/**
 * Hand-off edges derived from a trace: which event let which later event happen.
 *
 * The trace records what each task did, not who woke it, so this replays every channel's
 * queues from the events: a send and the receive that took its value (FIFO through the
 * buffer, or straight to a parked receiver, also as select cases: the trace's side column
 * says which case a select ran and on which channel), a receive that let a parked sender
 * complete, a timer and the receive or sleep it woke, a `go` statement and the new task's
 * first step. A receive that returned because its channel was closed has no traced source
 * (close is not an operation of its own); its edge comes from the best candidate (a timer
 * that names the woken task, else the last event of another task before it woke) and is
 * marked `inferred`.
 *
 * This is the one function to replace with exact happens-before edges once the kernel
 * records them.
 */
import type { DocEdge, DocEvent, EdgeKind } from './trace-doc-types.ts';

/** A parked task: its blocked event, and what satisfied it once known. */
interface Parked {
  readonly task: number;
  readonly seq: number;
  readonly kind: 'recv' | 'send' | 'select' | 'sleep';
  /** The channel and direction it waits on (for a select: of the case that ran), -1/null when unknown. */
  readonly chan: number;
  readonly dir: 'send' | 'recv' | null;
  /** The event that completed the wait, once a matching operation was seen. */
  by: { from: number; kind: EdgeKind } | null;
}

/** How far back a close's source is looked for. */
const CLOSE_LOOKBACK = 4096;

/** One channel's queues as the trace implies them. */
class ChanModel {
  /** Seqs of the sends whose values are buffered, oldest first. */
  readonly buf: number[] = [];
  readonly receivers: Parked[] = [];
  readonly senders: Parked[] = [];
  /** The inferred source of this channel's close, once a receive of closed was seen. */
  closedBy = -1;
}

/** Derives hand-off edges from events in trace order. */
export function deriveEdges(events: readonly DocEvent[], chanNames: readonly string[], taskNames: readonly string[]): DocEdge[] {
  return new EdgeDeriver(events, chanNames, taskNames).run();
}

class EdgeDeriver {
  private readonly out: DocEdge[] = [];
  private readonly chans = new Map<number, ChanModel>();
  private readonly parked = new Map<number, Parked>();
  private readonly spawnedAt = new Map<number, number>();
  /** Unconsumed timer firings by timer name, oldest first. */
  private readonly fires = new Map<string, number[]>();

  constructor(
    private readonly events: readonly DocEvent[],
    private readonly chanNames: readonly string[],
    private readonly taskNames: readonly string[],
  ) {}

  run(): DocEdge[] {
    for (const e of this.events) {
      if (e.task >= 0) this.onTaskEvent(e);
      this.apply(e);
    }
    return this.out;
  }

  private edge(from: number, to: number, kind: EdgeKind, inferred = false): void {
    if (from < 0 || from >= to) return;
    this.out.push(inferred ? { from, to, kind, inferred: true } : { from, to, kind });
  }

  private chan(id: number): ChanModel {
    let c = this.chans.get(id);
    if (c === undefined) {
      c = new ChanModel();
      this.chans.set(id, c);
    }
    return c;
  }

  /** A task's first event after spawn, or after it parked: where a hand-off lands. */
  private onTaskEvent(e: DocEvent): void {
    const spawn = this.spawnedAt.get(e.task);
    if (spawn !== undefined) {
      this.spawnedAt.delete(e.task);
      this.edge(spawn, e.seq, 'spawn');
    }
    const p = this.parked.get(e.task);
    if (p === undefined) return;
    this.parked.delete(e.task);
    if (p.by !== null) this.edge(p.by.from, e.seq, p.by.kind);
    else this.unexplainedWake(p, e.seq);
  }

  private apply(e: DocEvent): void {
    switch (e.op) {
      case 'recv':
      case 'send':
        if (e.chan === undefined || e.chan < 0) return;
        this.chanOp(e, e.op, e.chan);
        return;
      case 'select':
        if (e.chan === undefined || e.dir === undefined) {
          if (e.blocked) this.park(e, 'select', -1, null);
          return;
        }
        this.chanOp(e, e.dir, e.chan);
        return;
      case 'sleep':
        this.park(e, 'sleep', -1, null);
        return;
      case 'spawn':
        if (e.child !== undefined) this.spawnedAt.set(e.child, e.seq);
        return;
      case 'timer': {
        const name = e.text ?? '';
        const q = this.fires.get(name);
        if (q === undefined) this.fires.set(name, [e.seq]);
        else q.push(e.seq);
        return;
      }
      default:
    }
  }

  private park(e: DocEvent, kind: Parked['kind'], chan: number, dir: Parked['dir']): Parked {
    const p: Parked = { task: e.task, seq: e.seq, kind, chan, dir, by: null };
    this.parked.set(e.task, p);
    return p;
  }

  /** A send or receive on `chan`, plain or as the select case that ran. */
  private chanOp(e: DocEvent, dir: 'send' | 'recv', chan: number): void {
    const c = this.chan(chan);
    if (e.blocked) {
      const p = this.park(e, e.op === 'select' ? 'select' : dir, chan, dir);
      (dir === 'recv' ? c.receivers : c.senders).push(p);
      return;
    }
    if (dir === 'send') {
      const r = c.receivers.shift();
      if (r !== undefined) r.by = { from: e.seq, kind: 'send' };
      else c.buf.push(e.seq);
      return;
    }
    const s = c.senders.shift();
    if (s !== undefined) {
      // Unbuffered: the value comes from the parked sender. A full buffer: the receive
      // takes the oldest buffered value and the parked sender's value moves in.
      let from = s.seq;
      if (c.buf.length > 0) {
        from = c.buf.shift() as number;
        c.buf.push(s.seq);
      }
      this.edge(from, e.seq, 'send');
      s.by = { from: e.seq, kind: 'recv' };
      return;
    }
    const b = c.buf.shift();
    if (b !== undefined) {
      this.edge(b, e.seq, 'send');
      return;
    }
    const fire = this.takeFire(this.chanNames[chan] ?? '', -1, e.seq);
    if (fire >= 0) this.edge(fire, e.seq, 'timer');
    else if (c.closedBy >= 0) this.edge(c.closedBy, e.seq, 'close', true);
  }

  /** The latest unconsumed firing of timer `name` in (after, before), consumed; -1 when none. */
  private takeFire(name: string, after: number, before: number): number {
    const q = this.fires.get(name);
    if (q === undefined) return -1;
    for (let i = q.length - 1; i >= 0; i--) {
      const s = q[i] as number;
      if (s >= before) continue;
      if (s <= after) return -1;
      q.splice(i, 1);
      return s;
    }
    return -1;
  }

  /** A parked task woke and no traced operation explains it: a timer, or a close. */
  private unexplainedWake(p: Parked, resume: number): void {
    const name = this.taskNames[p.task] ?? '';
    if (p.kind === 'sleep') {
      const fire = this.takeFire(`sleep ${name}`, p.seq, resume);
      if (fire >= 0) this.edge(fire, resume, 'timer');
      return;
    }
    const c = p.chan >= 0 ? this.chan(p.chan) : null;
    if (c !== null) {
      const q = p.dir === 'send' ? c.senders : c.receivers;
      const i = q.indexOf(p);
      if (i >= 0) q.splice(i, 1);
      const fire = this.takeFire(this.chanNames[p.chan] ?? '', p.seq, resume);
      if (fire >= 0) {
        this.edge(fire, resume, 'timer');
        return;
      }
      if (c.closedBy > p.seq) {
        this.edge(c.closedBy, resume, 'close', true);
        return;
      }
    }
    const from = this.closeCandidate(p, name, resume);
    if (c !== null) c.closedBy = from;
    this.edge(from, resume, 'close', true);
  }

  /** Where a close that woke `p` most likely happened: a timer naming the task, else the last other task's event. */
  private closeCandidate(p: Parked, name: string, resume: number): number {
    let other = -1;
    for (let s = resume - 1; s > p.seq && s >= resume - CLOSE_LOOKBACK; s--) {
      const e = this.events[s] as DocEvent;
      if (e.op === 'timer' && (e.text ?? '').split(' ').includes(name)) return s;
      if (other < 0 && e.task !== p.task) other = s;
    }
    return other;
  }
}
