/**
 * A block handed out by a {@link TrackedPool}, with its whole history.
 */
import type { Micros } from '../time.ts';

/** Where a block is in its life. */
export type BlockState = 'acquired' | 'enqueued' | 'in-flush' | 'answered' | 'freed' | 'abandoned';

/** One entry of a block's history. */
export interface BlockEvent {
  readonly step: number;
  readonly time: Micros;
  /** The task that did it (or `kernel`). */
  readonly task: string;
  /** What happened: `acquire`, `enqueue`, `answer`, `free`, ... */
  readonly event: string;
  /** The state after the event. */
  readonly state: BlockState;
  /** Index of the next decision at that moment: where in the decision stream it happened. */
  readonly decision: number;
  /** The block's generation at the time. */
  readonly gen: number;
  /** Position in the trace when it happened (orders events within one atomic step). */
  readonly seq: number;
  /** Free text, e.g. the error a caller returned. */
  readonly note?: string;
}

/** A tracked block. `data` is the system under test's payload (e.g. the engine's bulkT). */
export class Block<T> {
  /** Generation: bumped on every acquire; a handle with another generation is stale. */
  gen = 0;
  state: BlockState = 'freed';
  /** The task that acquired it last. */
  owner = '';
  readonly history: BlockEvent[] = [];

  constructor(
    /** Dense id in allocation order (stable for a given run). */
    readonly id: number,
    /** The payload. */
    readonly data: T,
    /** False for blocks that never came from the pool (Go's multi-op blocks). */
    readonly pooled: boolean,
  ) {}
}

/**
 * A pointer to a block as held by engine code: the block and the generation it was
 * acquired with. Every access goes through the pool, which checks the generation.
 */
export interface Handle<T> {
  readonly block: Block<T>;
  readonly gen: number;
}
