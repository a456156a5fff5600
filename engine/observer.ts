/**
 * What the engine tells an observer as it runs: typed facts for checkers (which trigger
 * made Run flush its queues). An observer only records; it never changes what the engine
 * does, and nothing it receives enters the trace or its hash.
 */
import type { QueueTypeT } from './queue.ts';

/** Why Run flushed (or, at its exit, disposed of) its queues. */
export type FlushTrigger =
  /** The item count reached `flushThresholdCnt`. */
  | 'count'
  /** The byte count reached `flushThresholdSz`. */
  | 'size'
  /** The flush timer fired. */
  | 'timer'
  /** C: the enroll queue's count reached `enrollFlushThresholdCnt`. */
  | 'enroll-count'
  /** C: the enroll timer fired. */
  | 'enroll-timer'
  /** Run exited with blocks queued: hardened fails them, upstream abandons them. */
  | 'exit';

/** One queue Run handed on because of a trigger. */
export interface FlushFact {
  readonly trigger: FlushTrigger;
  readonly queue: QueueTypeT;
  /** Blocks and bytes in the queue. */
  readonly cnt: number;
  readonly bytes: number;
  /** Kernel step and virtual time. */
  readonly step: number;
  readonly time: number;
}

/** Receives the engine's facts. */
export interface EngineObserver {
  /** Run is about to flush one queue (or, for `exit`, to fail or abandon it). */
  onFlush?(f: FlushFact): void;
  /** Run's loop just ended with `error` (before its exit work: hardened fails what is queued). */
  onRunExit?(error: string): void;
}

/** Records nothing. */
export const NO_OBSERVER: EngineObserver = Object.freeze({});
