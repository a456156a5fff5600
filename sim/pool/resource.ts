/**
 * A resource handed out by a {@link TrackedPool}, with its whole history. The kernel
 * knows two states of its own, `acquired` and `freed`; a system under test declares the
 * others it passes through (for example `enqueued`, `answered`) when it makes the pool.
 */
import type { TrackedFields } from '../memory/fields.ts';
import type { VClock } from '../race/vclock.ts';
import type { Micros } from '../time.ts';
import { objectId } from '../dpor/dependency-log.ts';

/** Where a resource is in its life: `acquired`, `freed`, or a state the pool's type declares. */
export type ResourceState = string;

/** The states every pool knows. */
export const ACQUIRED: ResourceState = 'acquired';
/** A resource back in the pool (or never handed out yet). */
export const FREED: ResourceState = 'freed';

/** One entry of a resource's history. */
export interface ResourceEvent {
  readonly step: number;
  readonly time: Micros;
  /** The task that did it (or `kernel`). */
  readonly task: string;
  /** What happened: `acquire`, `free`, or a transition the system names (`enqueue`, `answer`...). */
  readonly event: string;
  /** The state after the event. */
  readonly state: ResourceState;
  /** Index of the next decision at that moment: where in the decision stream it happened. */
  readonly decision: number;
  /** The resource's generation at the time. */
  readonly gen: number;
  /** Position in the trace when it happened (orders events within one atomic step). */
  readonly seq: number;
  /** Free text, e.g. the error a caller returned. */
  readonly note?: string;
  /**
   * Where in the program the transition happened (e.g. the function that handed it on), as the
   * system under test names it: a typed field for checkers and signatures, never part of
   * the trace text (so giving one changes no trace hash).
   */
  readonly site?: string;
}

/** A tracked resource. `data` is the system under test's payload. */
export class Resource<T> {
  /** Generation: bumped on every acquire; a handle with another generation is stale. */
  gen = 0;
  state: ResourceState = FREED;
  /** The task that acquired it last. */
  owner = '';
  readonly history: ResourceEvent[] = [];
  /** @internal Shadow state of its payload's tracked fields (null when race detection is off). */
  fields: TrackedFields | null = null;
  /** @internal What the frees so far released (Go's `sync.Pool` Put release-merges, Get acquires). */
  poolClock: VClock | null = null;
  /** @internal Its object id in the dependency log (every access through a handle touches it). */
  readonly oid = objectId();

  constructor(
    /** Dense id in allocation order (stable for a given run). */
    readonly id: number,
    /** The payload. */
    readonly data: T,
    /** False for resources that never came from the pool (never leak-checked). */
    readonly pooled: boolean,
  ) {}
}

/**
 * A pointer to a resource as held by task code: the resource and the generation it was
 * acquired with. Every access goes through the pool, which checks the generation.
 */
export interface Handle<T> {
  readonly resource: Resource<T>;
  readonly gen: number;
}
