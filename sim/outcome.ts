/**
 * How a run ended.
 */
import type { Micros } from './time.ts';

/** The ways a run can end. Only `ok` and `stopped` are clean. */
export type OutcomeKind =
  /** Every non-daemon task finished. */
  | 'ok'
  /** The run reached its `until` time (the scenario's end); live tasks are listed. */
  | 'stopped'
  /** "all goroutines are asleep": nothing can run and no timer is pending. */
  | 'deadlock'
  /** A task panicked and did not recover. */
  | 'panic'
  /** Simulated code reached for real time, randomness or the host event loop. */
  | 'nondeterminism'
  /** A replayed decision list does not match the program any more. */
  | 'replay-divergence'
  /** The step budget ran out. */
  | 'step-budget'
  /** The virtual-time budget ran out. */
  | 'time-budget'
  /** A host resource budget (heap, wall clock) ran out: a limit of the tool, not a finding about the system. */
  | 'resource-budget'
  /** A kernel invariant broke (a bug in the kernel, not in the system under test). */
  | 'kernel-assertion';

/** A non-daemon task that was still alive at the end of the run. */
export interface BlockedTask {
  readonly id: number;
  readonly name: string;
  /** The task and its spawn ancestry. */
  readonly lineage: string;
  /** What it waits on, e.g. `recv on jobs`, or `runnable`. */
  readonly waitingOn: string;
}

/** The end of a run. */
export interface Outcome {
  readonly kind: OutcomeKind;
  /** One line, human readable. */
  readonly message: string;
  /** For `panic`: the task that panicked (name and lineage). */
  readonly task?: string;
  readonly step: number;
  readonly time: Micros;
}
