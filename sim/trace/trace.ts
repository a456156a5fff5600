/**
 * The trace of a run: one compact event per kernel step or annotation, folded into a
 * rolling 64-bit hash. Events are kept in growable typed arrays so that recording
 * stays cheap on the hot path; renderers turn them into text or JSON.
 */
import { fail } from '../assert.ts';
import { chunkOf, offsetIn } from '../chunks.ts';
import { RollingHash } from './hash.ts';
import type { Micros } from '../time.ts';

/** Event operations. Values 1..5 coincide with effect kinds. */
export const enum Op {
  Recv = 1,
  Send = 2,
  Select = 3,
  Sleep = 4,
  Yield = 5,
  Spawn = 10,
  Exit = 11,
  Panic = 12,
  TimerFire = 13,
  Note = 14,
}

/** Bit set on an effect op when the task parked instead of completing. */
export const BLOCKED = 0x80;

/** Human names of {@link Op} values. */
export const OP_NAMES: Readonly<Record<number, string>> = {
  1: 'recv',
  2: 'send',
  3: 'select',
  4: 'sleep',
  5: 'yield',
  10: 'spawn',
  11: 'exit',
  12: 'panic',
  13: 'timer',
  14: 'note',
};

/** One decoded trace event. */
export interface TraceEvent {
  /** Position in the trace. */
  readonly seq: number;
  /** Kernel step count when recorded. */
  readonly step: number;
  readonly time: Micros;
  /** Task id, or -1 for the kernel itself (timers). */
  readonly task: number;
  readonly op: Op;
  readonly blocked: boolean;
  /** Channel id, case index, timer sequence or similar; -1 when none. */
  readonly detail: number;
  /** Text of a note, panic or spawn. */
  readonly text: string | undefined;
  /** For a note that records a tracked resource's transition: its typed fields. */
  readonly resource: ResourceTransition | undefined;
  /**
   * For a `select` that ran a case (at once, or later after it blocked): which case and its
   * channel. Kept beside the event, not folded into the hash.
   */
  readonly selected: SelectedCase | undefined;
}

/** The case a `select` ran: its index among the select's cases, its channel and direction. */
export interface SelectedCase {
  readonly index: number;
  /** Channel id (an index into `RunResult.chanNames`). */
  readonly chan: number;
  readonly dir: 'send' | 'recv';
}

/** A tracked resource's transition, as the trace keeps it (typed, so renderers never parse text). */
export interface ResourceTransition {
  /** The pool's name. */
  readonly pool: string;
  /** The resource's id in its pool. */
  readonly id: number;
  /** Its generation after the transition (bumped by each acquire). */
  readonly gen: number;
  /** What happened: `acquire`, `free`, or a transition the system names. */
  readonly event: string;
  /** The state after it. */
  readonly state: string;
  /** Free text the system attached. */
  readonly note?: string;
}

/** Events in the first chunk; chunk `k` holds `FIRST_CHUNK << k` events. */
const FIRST_CHUNK_BITS = 10;

/** Twice the cases a select may have, as the side column packs them (Go's limit is 65,536; more is a kernel assertion). */
const SEL_CASES = 1 << 17;

/** One chunk of events, column by column. */
class TraceChunk {
  readonly ops: Uint8Array;
  readonly tasks: Int32Array;
  readonly details: Int32Array;
  readonly steps: Int32Array;
  readonly times: Float64Array;
  /**
   * Side column (not hashed), made at the chunk's first select: for a select that ran a
   * case, `chan * 2^17 + index * 2 + (send ? 1 : 0) + 1` (exact in a double); 0 otherwise.
   */
  sel: Float64Array | null = null;
  constructor(readonly size: number) {
    this.ops = new Uint8Array(size);
    this.tasks = new Int32Array(size);
    this.details = new Int32Array(size);
    this.steps = new Int32Array(size);
    this.times = new Float64Array(size);
  }

  /** Notes the case a select at offset `j` ran. */
  markSelected(j: number, index: number, chan: number, send: boolean): void {
    if (index * 2 + 1 >= SEL_CASES) fail(`select with more than ${SEL_CASES / 2} cases`);
    const sel = this.sel ?? (this.sel = new Float64Array(this.size));
    sel[j] = chan * SEL_CASES + index * 2 + (send ? 1 : 0) + 1;
  }
}

/**
 * Records events and keeps the rolling hash. Events live in chunks that double in size
 * (1024, 2048, ...), so appending never copies what is already recorded; event `i` is
 * found in O(1) from its index.
 */
export class Trace {
  private readonly hash = new RollingHash();
  private readonly chunks: TraceChunk[] = [];
  /** The chunk being filled, and the next free slot in it. */
  private cur: TraceChunk;
  private curLen = 0;
  private readonly texts = new Map<number, string>();
  private readonly transitions = new Map<number, ResourceTransition>();
  /** Number of events recorded. */
  length = 0;

  constructor(
    /** When false only the hash is kept (for the fastest sweeps). */
    readonly keepEvents = true,
  ) {
    this.cur = new TraceChunk(keepEvents ? 1 << FIRST_CHUNK_BITS : 0);
    this.chunks.push(this.cur);
  }

  /** Appends one event and folds it into the hash. */
  record(step: number, time: Micros, task: number, op: number, detail: number): void {
    const h = this.hash;
    h.fold(op);
    h.fold(task);
    h.fold(detail);
    h.foldWide(time);
    this.length++;
    if (!this.keepEvents) return;
    let c = this.cur;
    let j = this.curLen;
    if (j === c.size) {
      c = this.addChunk();
      j = 0;
    }
    c.ops[j] = op;
    c.tasks[j] = task;
    c.details[j] = detail;
    c.steps[j] = step;
    c.times[j] = time;
    this.curLen = j + 1;
  }

  /** Appends an event carrying text (notes, panics, spawns); the text is hashed too. */
  recordText(step: number, time: Micros, task: number, op: number, detail: number, text: string): void {
    this.hash.foldString(text);
    if (this.keepEvents) this.texts.set(this.length, text);
    this.record(step, time, task, op, detail);
  }

  /**
   * Appends a note that records a resource transition: hashed as its text (so the typed
   * fields change no hash), kept with its typed fields for renderers.
   */
  recordTransition(step: number, time: Micros, task: number, op: number, detail: number, text: string, t: ResourceTransition): void {
    if (this.keepEvents) this.transitions.set(this.length, t);
    this.recordText(step, time, task, op, detail, text);
  }

  /**
   * Notes, beside event `seq` (a select already recorded), the case it ran and that case's
   * channel. A side column: never hashed, so it changes no trace hash; no allocation.
   */
  markSelected(seq: number, index: number, chan: number, send: boolean): void {
    if (!this.keepEvents || seq < 0 || seq >= this.length) return;
    const k = chunkOf(seq, FIRST_CHUNK_BITS);
    (this.chunks[k] as TraceChunk).markSelected(offsetIn(seq, k, FIRST_CHUNK_BITS), index, chan, send);
  }

  /** {@link markSelected} for the event just recorded (the hot path: no chunk lookup). */
  markLastSelected(index: number, chan: number, send: boolean): void {
    if (!this.keepEvents) return;
    if (index * 2 + 1 >= SEL_CASES) fail(`select with more than ${SEL_CASES / 2} cases`);
    const c = this.cur;
    const sel = c.sel ?? (c.sel = new Float64Array(c.size));
    sel[this.curLen - 1] = chan * SEL_CASES + index * 2 + (send ? 1 : 0) + 1;
  }

  /** The rolling hash over everything recorded so far, as 16 hex digits. */
  hashHex(): string {
    return this.hash.hex();
  }

  /** Decodes event `i`. */
  event(i: number): TraceEvent {
    // Chunk k starts at FIRST * (2^k - 1), so k = floor(log2(i / FIRST + 1)).
    const k = chunkOf(i, FIRST_CHUNK_BITS);
    const c = this.chunks[k];
    const j = offsetIn(i, k, FIRST_CHUNK_BITS);
    const op = c === undefined ? 0 : (c.ops[j] as number);
    const sel = c === undefined || c.sel === null ? 0 : (c.sel[j] as number);
    const selCase = sel === 0 ? -1 : (sel - 1) % SEL_CASES;
    return {
      seq: i,
      step: c === undefined ? 0 : (c.steps[j] as number),
      time: c === undefined ? 0 : (c.times[j] as number),
      task: c === undefined ? 0 : (c.tasks[j] as number),
      op: (op & ~BLOCKED) as Op,
      blocked: (op & BLOCKED) !== 0,
      detail: c === undefined ? 0 : (c.details[j] as number),
      text: this.texts.get(i),
      resource: this.transitions.get(i),
      selected: selCase < 0 ? undefined : { index: selCase >> 1, chan: Math.floor((sel - 1) / SEL_CASES), dir: (selCase & 1) === 1 ? 'send' : 'recv' },
    };
  }

  /** All events (decoded; meant for renderers, not the hot path). */
  events(): TraceEvent[] {
    const out: TraceEvent[] = [];
    if (!this.keepEvents) return out;
    for (let i = 0; i < this.length; i++) out.push(this.event(i));
    return out;
  }

  private addChunk(): TraceChunk {
    const c = new TraceChunk(this.cur.size * 2);
    this.chunks.push(c);
    this.cur = c;
    this.curLen = 0;
    return c;
  }
}
