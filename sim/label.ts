/**
 * Decision labels. Every nondeterministic choice carries a label that names what is
 * being decided and which seeded stream a random strategy draws it from; the caller
 * names the stream explicitly.
 */
import { fail } from './assert.ts';

/** The seeded streams: scheduling, workload generation and fault injection draw separately. */
export type StreamName = 'sched' | 'workload' | 'fault';

/** An interned decision label. Compare by identity or by `id`. */
export interface Label {
  /** Dense id, stable within one process, used to record decisions compactly. */
  readonly id: number;
  /** Human name, e.g. `sched`, `select`, `timer-tie`. */
  readonly name: string;
  /** The stream a random strategy draws this decision from. */
  readonly stream: StreamName;
}

const byName = new Map<string, Label>();
const byId: Label[] = [];

/**
 * Interns a label (the same name always yields the same object). The stream is part of
 * the label's identity: asking for a known name on another stream is a kernel assertion.
 */
export function label(name: string, stream: StreamName): Label {
  let l = byName.get(name);
  if (l !== undefined && l.stream !== stream) fail(`label ${name} is on stream ${l.stream}, not ${stream}`);
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
