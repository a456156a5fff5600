/**
 * An independent, brute-force happens-before: from a run's {@link RaceLog} (what happened,
 * at the level of the Go memory model, with no vector clock in it) it builds the graph of
 * program order plus the synchronisation edges the Go rules imply, as Go's race runtime
 * applies them, and finds every pair of conflicting accesses that no path orders. Test
 * code compares it with the detector; it is quadratic and meant for small programs.
 *
 * Each synchronising operation is two nodes in its thread's program order, `begin` then
 * `end`: edges leave from `begin` (what the thread knew before the operation) and arrive
 * at `end` (what it learns). Rules:
 * - `go`: the spawn's begin → the child's first node.
 * - unbuffered channel: each side's begin → the other side's end (a rendezvous).
 * - buffered, capacity C: send n's begin → receive n's end; receive n's begin → send (n+C)'s end.
 * - close's begin → the end of every receive that returned because the channel was closed.
 * - Mutex: unlock n's begin → lock (n+1)'s end.
 * - WaitGroup: every Done's begin → the end of every Wait that returned after it.
 * - RWMutex: every Unlock's begin → the end of every later RLock and Lock; every RUnlock's
 *   begin → the end of every later Lock.
 * - Cond: a Signal's (Broadcast's) begin → the end of each Wait it woke.
 * - Once: the first Do's store of `done` → the end of every later Do that saw it (its
 *   internal mutex is logged as a Mutex).
 */
import type { LoggedEvent } from './log.ts';

/** A conflicting pair the oracle found unordered: its location and its two sites, sorted. */
export function oraclePairKey(loc: string, a: string, b: string): string {
  return `${loc} | ${[a, b].sort().join(' / ')}`;
}

interface Node {
  readonly out: number[];
}

/** The unordered conflicting access pairs of a run, as {@link oraclePairKey} strings (location: its report group). */
export function oracleRaces(events: readonly LoggedEvent[]): Set<string> {
  const nodes: Node[] = [];
  const node = (): number => {
    nodes.push({ out: [] });
    return nodes.length - 1;
  };
  const edge = (a: number, b: number): void => {
    (nodes[a] as Node).out.push(b);
  };
  const last = new Map<number, number>(); // thread -> its last node
  const pendingStart = new Map<number, number>(); // child thread -> the spawn's begin
  /** Appends an operation to thread `t`'s program order; returns [begin, end]. */
  const op = (t: number): [number, number] => {
    const b = node();
    const e = node();
    const prev = last.get(t);
    if (prev !== undefined) edge(prev, b);
    else {
      const s = pendingStart.get(t);
      if (s !== undefined) edge(s, b);
    }
    edge(b, e);
    last.set(t, e);
    return [b, e];
  };

  const rendezvous = new Map<number, [number, number]>();
  const bufSends = new Map<string, [number, number]>();
  const bufRecvs = new Map<string, [number, number]>();
  const closes = new Map<number, number>();
  const unlocks = new Map<string, number>();
  const dones = new Map<number, number[]>();
  const wunlocks = new Map<number, number[]>();
  const runlocks = new Map<number, number[]>();
  const signals = new Map<number, number>();
  const onceDone = new Map<number, number>();
  const push = (m: Map<number, number[]>, k: number, v: number): void => {
    const l = m.get(k) ?? [];
    l.push(v);
    m.set(k, l);
  };
  const accesses: Array<{ t: number; n: number; loc: number; group: string; write: boolean; site: string }> = [];

  for (const ev of events) {
    switch (ev.k) {
      case 'spawn': {
        const [b] = op(ev.t);
        pendingStart.set(ev.child, b);
        break;
      }
      case 'rendezvous': {
        const me = op(ev.t);
        const other = rendezvous.get(ev.pair);
        if (other === undefined) rendezvous.set(ev.pair, me);
        else {
          edge(other[0], me[1]);
          edge(me[0], other[1]);
        }
        break;
      }
      case 'send':
      case 'recv': {
        const me = op(ev.t);
        const key = (n: number): string => `${ev.ch}/${n}`;
        // The log lists a send before its receive, and a receive before the send (n + C) that
        // takes its slot (in a hand-off with a parked sender, the receive is logged first).
        if (ev.k === 'send') {
          const r = bufRecvs.get(key(ev.n - ev.cap));
          if (r !== undefined) edge(r[0], me[1]);
          bufSends.set(key(ev.n), me);
        } else {
          const s = bufSends.get(key(ev.n));
          if (s !== undefined) edge(s[0], me[1]);
          bufRecvs.set(key(ev.n), me);
        }
        break;
      }
      case 'close': {
        const [b] = op(ev.t);
        closes.set(ev.ch, b);
        break;
      }
      case 'recv-closed': {
        const [, e] = op(ev.t);
        const c = closes.get(ev.ch);
        if (c !== undefined) edge(c, e);
        break;
      }
      case 'unlock': {
        const [b] = op(ev.t);
        unlocks.set(`${ev.obj}/${ev.n}`, b);
        break;
      }
      case 'lock': {
        const [, e] = op(ev.t);
        const u = unlocks.get(`${ev.obj}/${ev.n - 1}`);
        if (u !== undefined) edge(u, e);
        break;
      }
      case 'wg-done': {
        const [b] = op(ev.t);
        const l = dones.get(ev.obj) ?? [];
        l.push(b);
        dones.set(ev.obj, l);
        break;
      }
      case 'wg-wait': {
        const [, e] = op(ev.t);
        for (const d of dones.get(ev.obj) ?? []) edge(d, e);
        break;
      }
      case 'wunlock':
      case 'runlock': {
        const [b] = op(ev.t);
        push(ev.k === 'wunlock' ? wunlocks : runlocks, ev.obj, b);
        break;
      }
      case 'rlock':
      case 'wlock': {
        const [, e] = op(ev.t);
        for (const u of wunlocks.get(ev.obj) ?? []) edge(u, e);
        if (ev.k === 'wlock') for (const u of runlocks.get(ev.obj) ?? []) edge(u, e);
        break;
      }
      case 'signal':
      case 'once-done': {
        const [b] = op(ev.t);
        (ev.k === 'signal' ? signals : onceDone).set(ev.obj, b);
        break;
      }
      case 'woken':
      case 'once-seen': {
        const [, e] = op(ev.t);
        const s = (ev.k === 'woken' ? signals : onceDone).get(ev.obj);
        if (s !== undefined) edge(s, e);
        break;
      }
      case 'access': {
        const [b] = op(ev.t);
        accesses.push({ t: ev.t, n: b, loc: ev.loc, group: ev.group, write: ev.write, site: ev.site });
        break;
      }
    }
  }

  const reach = (from: number): Uint8Array => {
    const seen = new Uint8Array(nodes.length);
    const stack = [from];
    seen[from] = 1;
    while (stack.length > 0) {
      for (const m of (nodes[stack.pop() as number] as Node).out) {
        if (seen[m] === 0) {
          seen[m] = 1;
          stack.push(m);
        }
      }
    }
    return seen;
  };
  const reaches = accesses.map((a) => reach(a.n));
  const out = new Set<string>();
  for (let i = 0; i < accesses.length; i++) {
    for (let j = i + 1; j < accesses.length; j++) {
      const a = accesses[i] as (typeof accesses)[number];
      const b = accesses[j] as (typeof accesses)[number];
      if (a.loc !== b.loc || a.t === b.t || (!a.write && !b.write)) continue;
      if ((reaches[i] as Uint8Array)[b.n] === 1 || (reaches[j] as Uint8Array)[a.n] === 1) continue;
      out.add(oraclePairKey(a.group, `${a.site} (${a.write ? 'write' : 'read'})`, `${b.site} (${b.write ? 'write' : 'read'})`));
    }
  }
  return out;
}
