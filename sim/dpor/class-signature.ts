/**
 * The Mazurkiewicz class of a run, as a string: two runs have the same signature exactly
 * when one is the other with adjacent independent events swapped (same events, same
 * order of every dependent pair). Events and objects are named canonically (a task by the
 * event that spawned it, an object by the event that made it), so equivalent runs that
 * made their channels or tasks in another order still agree.
 */
import { assert } from '../assert.ts';
import { ABORT, CLOCK, EXITS, KERNEL, RUN_END, TIMERS, UNKNOWN_OBJECT, type DependencyLog } from './dependency-log.ts';

/** The longest canonical object name kept as it is; longer ones are replaced by their hash. */
const MAX_NAME = 64;

/** A decision as the exploring strategy saw it. */
export interface SeenDecision {
  readonly sched: boolean;
  /** The label's name (for non-scheduling decisions) and the choice. */
  readonly label: string;
  readonly choice: number;
}

/** The signature of one run (its dependency log, and the decisions it took, in order). */
export function classSignature(log: DependencyLog, decisions: readonly SeenDecision[]): string {
  const n = log.footprints.length;
  const seq: number[] = [];
  const counts = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const t = log.tasks[k] as number;
    const c = counts.get(t) ?? 0;
    seq.push(c);
    counts.set(t, c + 1);
  }
  const objNames = new Map<number, string>();
  const objName = (id: number): string => {
    if (id === UNKNOWN_OBJECT) return '?';
    if (id === RUN_END) return 'end';
    if (id === CLOCK) return 'clock';
    if (id === TIMERS) return 'timers';
    if (id === EXITS) return 'exits';
    if (id === ABORT) return 'abort';
    let s = objNames.get(id);
    if (s !== undefined) return s;
    const k = log.creator.get(id) ?? -1;
    s = k < 0 ? `s${log.ordinal.get(id)}` : `${evName(k)}#${log.ordinal.get(id)}`;
    // A chain of makers (a ticker's timer armed by its previous firing) would grow names without bound: a long one is hashed.
    if (s.length > MAX_NAME) s = `h${hashSignature(s).toString(36)}`;
    objNames.set(id, s);
    return s;
  };
  const evName = (k: number): string => {
    const t = log.tasks[k] as number;
    // A kernel event fires one timer, named like any object by what armed it (timers due together that touch
    // nothing in common fire in any order, and each order is the same class).
    return t === KERNEL ? `K(${objName(firedObject(log, k))})` : `(${objName(log.taskObject[t] ?? UNKNOWN_OBJECT)}).${seq[k]}`;
  };
  const events: string[] = [];
  const perObject = new Map<string, string[][]>();
  const own = (from: number, to: number): string => {
    const out: string[] = [];
    for (let d = from; d < to && d < decisions.length; d++) {
      const x = decisions[d] as SeenDecision;
      // A slip shows as the kernel event it fired, a timer tie as which timer's effects came first (its index depends on arming order).
      if (!x.sched && x.label !== 'time-slip' && x.label !== 'timer-tie') out.push(`${x.label}=${x.choice}`);
    }
    return out.join(',');
  };
  // Decisions before the first event (the configuration's draws) belong to no event.
  events.push(`pre[${own(0, n > 0 ? (log.tasks[0] === KERNEL ? (log.lastDecision[0] as number) : (log.firstDecision[0] as number)) : decisions.length)}]`);
  let epoch = 0;
  let prevEnd = 0;
  for (let k = 0; k < n; k++) {
    const kernel = log.tasks[k] === KERNEL;
    // With barriers a step's place among kernel events is part of its class; with time slips the clock orders them.
    if (kernel && log.barriers && (k === 0 || log.tasks[k - 1] !== KERNEL)) epoch++;
    const end = log.lastDecision[k] as number;
    // A kernel event owns the timer-tie decisions taken just before it began.
    const mine = own(kernel ? prevEnd : (log.firstDecision[k] as number), end);
    prevEnd = end;
    const name = evName(k);
    events.push(`${name}@${epoch}[${mine}]`);
    for (const x of log.footprints[k] as readonly number[]) {
      // Which exit ends the run is no part of the class: the events that ran are (a daemon step cut off is an event missing).
      if (x >> 1 === RUN_END) continue;
      const o = objName(x >> 1);
      let groups = perObject.get(o);
      if (groups === undefined) perObject.set(o, (groups = [[]]));
      const w = (x & 1) === 1;
      // Kernel events of one run at one instant all set the clock to it: their writes of it are one group.
      if (w && kernel && x >> 1 === CLOCK && k > 0 && log.tasks[k - 1] === KERNEL && log.instant[k] === log.instant[k - 1]) (groups[groups.length - 2] as string[]).push(`w${name}`);
      else if (w) groups.push([`w${name}`], []);
      else (groups[groups.length - 1] as string[]).push(`r${name}`);
    }
  }
  events.sort();
  const objects = [...perObject].map(([o, gs]) => `${o}:${gs.map((g) => g.sort().join(' ')).join('|')}`).sort();
  return `${events.join(';')}\n${objects.join('\n')}`;
}

/** The object id of the timer kernel event `k` fired (every timer the kernel arms while recording has one). */
function firedObject(log: DependencyLog, k: number): number {
  const id = log.firedObject[k] as number;
  assert(log.creator.has(id), `class signature: kernel event ${k} fired a timer with no object id`);
  return id;
}

/** A 53-bit hash of a string (cyrb53), to keep one number per class. */
export function hashSignature(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
