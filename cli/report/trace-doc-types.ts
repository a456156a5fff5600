/**
 * The trace document (`dst-trace/1`): one JSON object per run, the single source of
 * `dst replay --trace json` and of the HTML viewer. Types only, so the viewer's browser
 * code can import them without pulling in the kernel.
 *
 * Times are virtual microseconds; `seq` is an event's position in the trace and is how
 * every other part (resources, violations, edges, the failure) points at an event.
 */
import type { SwarmSwitches } from '../../harness/swarm-switches.ts';

/** Format tag of the document. */
export const TRACE_DOC_FORMAT = 'dst-trace/1';

/** Operation names, as in the text timeline. */
export type DocOp = 'recv' | 'send' | 'select' | 'sleep' | 'yield' | 'spawn' | 'exit' | 'panic' | 'timer' | 'note';

/** Lane groups of tasks (a target may supply its own grouping later). */
export type TaskGroup = 'agents' | 'flushes' | 'engine' | 'elasticsearch' | 'kernel' | 'other';

/** What the run was and how it ended. */
export interface DocHeader {
  readonly format: typeof TRACE_DOC_FORMAT;
  /** The system under test (`bulk-engine` until targets are pluggable). */
  readonly target: string;
  readonly scenario: string;
  /** How the user named the scenario (a shipped name or a file path). */
  readonly scenarioRef: string;
  readonly variant: string;
  /** The seed, or null when the case is an exact decision list. */
  readonly seed: number | null;
  /** Number of recorded decisions. */
  readonly decisions: number;
  readonly strategy: string;
  readonly swarm: boolean;
  readonly passed: boolean;
  /** The first violated property, or null. */
  readonly property: string | null;
  /** The failure's one-line explanation (the first violation's message), or null. */
  readonly explanation: string | null;
  readonly violationCounts: Readonly<Record<string, number>>;
  readonly traceHash: string;
  readonly outcome: { readonly kind: string; readonly message: string };
  readonly steps: number;
  readonly virtualTimeUs: number;
  /** The exact command that replays this case. */
  readonly replay: string;
  /** In swarm mode: the switches the seed drew (pre-run decisions) and the values they changed. */
  readonly switches?: SwarmSwitches;
}

/** A task (a lane). The kernel itself (timers) is task -1. */
export interface DocTask {
  readonly id: number;
  readonly name: string;
  /** The task that spawned it, or null. */
  readonly parent: number | null;
  /** Name plus spawn ancestry, e.g. `flush-3-read <- bulker.run`. */
  readonly lineage: string;
  readonly group: TaskGroup;
}

/** A channel. */
export interface DocChannel {
  readonly id: number;
  readonly name: string;
}

/** A tracked resource's transition as carried by its event. */
export interface DocTransition {
  readonly pool: string;
  readonly id: number;
  readonly gen: number;
  readonly event: string;
  readonly state: string;
  readonly note?: string;
}

/** One trace event. Absent fields do not apply to the event's operation. */
export interface DocEvent {
  readonly seq: number;
  /** Kernel step count when recorded (timer events carry the count of the step before them). */
  readonly step: number;
  /** Virtual time, µs. */
  readonly t: number;
  /** Task id (-1: the kernel). */
  readonly task: number;
  readonly op: DocOp;
  /** The task parked (the operation completes later, or never). */
  readonly blocked?: true;
  /** recv/send: the channel; select: the channel of the case that ran. */
  readonly chan?: number;
  /** select: the index of the case that ran (for a blocked select, the case that ran when it woke). */
  readonly case?: number;
  /** select: that case's direction. */
  readonly dir?: 'send' | 'recv';
  /** spawn: the new task. */
  readonly child?: number;
  /** timer: the timer's sequence number. */
  readonly timer?: number;
  /** sleep: the duration, µs. */
  readonly sleepUs?: number;
  /** Text of a note, panic, spawn or timer. */
  readonly text?: string;
  /** A tracked resource's transition (typed; never parsed from the text). */
  readonly res?: DocTransition;
}

/** How a resource generation ended. */
export type Fate = 'freed' | 'abandoned' | 'never-freed' | 'use-after-free' | 'double-free' | 'unpooled';

/** One generation of a tracked resource: its lifetime and every transition. */
export interface DocResource {
  /** `id.gen`, as messages and the text timeline name it. */
  readonly key: string;
  readonly pool: string;
  readonly id: number;
  readonly gen: number;
  readonly fate: Fate;
  readonly transitions: readonly DocResourceStep[];
}

/** One transition of a resource generation (its event, `events[seq]`, has the step). */
export interface DocResourceStep {
  readonly seq: number;
  readonly t: number;
  readonly task: number;
  readonly event: string;
  readonly state: string;
  readonly note?: string;
  /** Index of the next decision at that moment, when the run's evidence records it. */
  readonly decision?: number;
}

/** A property violation with its evidence. */
export interface DocViolation {
  readonly property: string;
  readonly message: string;
  /** The resource generation involved, if any. */
  readonly resource: { readonly pool: string; readonly id: number; readonly gen: number; readonly key: string } | null;
  /** Step and virtual time at which it was detected. */
  readonly step: number;
  readonly time: number;
  /** Tasks named by the evidence. */
  readonly tasks: readonly string[];
  /**
   * The event where the failure shows: for a resource, its generation's last transition
   * (a leak is only detected at the end of the run, after nobody held the block); else
   * the last event at the detection step.
   */
  readonly anchor: number;
}

/** Kinds of hand-off edges. */
export type EdgeKind =
  /** A value sent on a channel and the receive that took it (plain or as a select case). */
  | 'send'
  /** A receive that let a parked sender's send complete (rendezvous). */
  | 'recv'
  /** A close and a receive that returned because the channel was closed. */
  | 'close'
  /** A timer firing and the receive (or sleep) it woke. */
  | 'timer'
  /** A `go` statement and the new task's first step. */
  | 'spawn'
  /** Reserved: mutex unlock and the lock it let through. */
  | 'unlock'
  /** Reserved: a context cancel and a `Done()` receiver. */
  | 'cancel'
  /** Reserved: happens-before edges from the race detector. */
  | 'happens-before';

/** A hand-off from one event to a later one. */
export interface DocEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: EdgeKind;
  /** The source is a best guess from the trace (closes are not traced): drawn dashed. */
  readonly inferred?: true;
}

/** Where the viewer opens: the first violation, its resource, and its causal slice. */
export interface DocFailure {
  /** Index into `violations`. */
  readonly violation: number;
  readonly resource: string | null;
  readonly anchor: number;
  /** Seqs of the causal slice, ascending. */
  readonly slice: readonly number[];
}

/** The whole document. */
export interface TraceDoc {
  readonly header: DocHeader;
  readonly tasks: readonly DocTask[];
  readonly channels: readonly DocChannel[];
  readonly events: readonly DocEvent[];
  readonly resources: readonly DocResource[];
  readonly violations: readonly DocViolation[];
  readonly edges: readonly DocEdge[];
  /** Null when the case passed. */
  readonly failure: DocFailure | null;
}
