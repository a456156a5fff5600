/**
 * Decision labels. Every nondeterministic choice carries a label that names what is
 * being decided and which seeded stream a random strategy draws it from.
 */

/** The seeded streams: scheduling, workload generation and fault injection draw separately. */
export type StreamName = 'sched' | 'workload' | 'fault';

/** An interned decision label. Compare by identity or by `id`. */
export interface Label {
  /** Dense id, stable within one process, used to record decisions compactly. */
  readonly id: number;
  /** Human name, e.g. `sched`, `select`, `es.latency`. */
  readonly name: string;
  /** The stream a random strategy draws this decision from. */
  readonly stream: StreamName;
}

const byName = new Map<string, Label>();
const byId: Label[] = [];

/** The stream a label name belongs to when none is given: `wl.*` workload, `es.*`/`fault.*` faults, else scheduling. */
export function defaultStream(name: string): StreamName {
  if (name.startsWith('wl.') || name.startsWith('swarm.')) return 'workload';
  if (name.startsWith('es.') || name.startsWith('fault.')) return 'fault';
  return 'sched';
}

/** Interns a label (the same name always yields the same object). */
export function label(name: string, stream: StreamName = defaultStream(name)): Label {
  let l = byName.get(name);
  if (l === undefined) {
    l = { id: byId.length, name, stream };
    byName.set(name, l);
    byId.push(l);
  }
  return l;
}

/** The label with a given dense id. */
export function labelById(id: number): Label {
  const l = byId[id];
  if (l === undefined) throw new Error(`unknown label id ${id}`);
  return l;
}

/** Labels used by the kernel itself. */
export const Labels = {
  sched: label('sched', 'sched'),
  select: label('select', 'sched'),
  timerTie: label('timer-tie', 'sched'),
  timeSlip: label('time-slip', 'sched'),
} as const;
