/**
 * The trace of a run: one compact event per kernel step or annotation, folded into a
 * rolling 64-bit hash. Events are kept in growable typed arrays so that recording
 * stays cheap on the hot path; renderers turn them into text or JSON.
 */
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
}

/** Records events and keeps the rolling hash. */
export class Trace {
  private readonly hash = new RollingHash();
  private ops = new Uint8Array(1024);
  private tasks = new Int32Array(1024);
  private details = new Int32Array(1024);
  private steps = new Int32Array(1024);
  private times = new Float64Array(1024);
  private readonly texts = new Map<number, string>();
  /** Number of events recorded. */
  length = 0;

  constructor(
    /** When false only the hash is kept (for the fastest sweeps). */
    readonly keepEvents = true,
  ) {}

  /** Appends one event and folds it into the hash. */
  record(step: number, time: Micros, task: number, op: number, detail: number): void {
    const h = this.hash;
    h.fold(op);
    h.fold(task);
    h.fold(detail);
    h.foldWide(time);
    if (!this.keepEvents) {
      this.length++;
      return;
    }
    const i = this.length;
    if (i === this.ops.length) this.grow();
    this.ops[i] = op;
    this.tasks[i] = task;
    this.details[i] = detail;
    this.steps[i] = step;
    this.times[i] = time;
    this.length = i + 1;
  }

  /** Appends an event carrying text (notes, panics, spawns); the text is hashed too. */
  recordText(step: number, time: Micros, task: number, op: number, detail: number, text: string): void {
    this.hash.foldString(text);
    if (this.keepEvents) this.texts.set(this.length, text);
    this.record(step, time, task, op, detail);
  }

  /** The rolling hash over everything recorded so far, as 16 hex digits. */
  hashHex(): string {
    return this.hash.hex();
  }

  /** Decodes event `i`. */
  event(i: number): TraceEvent {
    const op = this.ops[i] as number;
    return {
      seq: i,
      step: this.steps[i] as number,
      time: this.times[i] as number,
      task: this.tasks[i] as number,
      op: (op & ~BLOCKED) as Op,
      blocked: (op & BLOCKED) !== 0,
      detail: this.details[i] as number,
      text: this.texts.get(i),
    };
  }

  /** All events (decoded; meant for renderers, not the hot path). */
  events(): TraceEvent[] {
    const out: TraceEvent[] = [];
    if (!this.keepEvents) return out;
    for (let i = 0; i < this.length; i++) out.push(this.event(i));
    return out;
  }

  private grow(): void {
    const n = this.ops.length * 2;
    const o = new Uint8Array(n);
    o.set(this.ops);
    this.ops = o;
    const t = new Int32Array(n);
    t.set(this.tasks);
    this.tasks = t;
    const d = new Int32Array(n);
    d.set(this.details);
    this.details = d;
    const s = new Int32Array(n);
    s.set(this.steps);
    this.steps = s;
    const tm = new Float64Array(n);
    tm.set(this.times);
    this.times = tm;
  }
}
