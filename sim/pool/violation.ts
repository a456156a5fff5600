/**
 * Findings of the tracked pool.
 */
import type { ResourceEvent, ResourceState } from './resource.ts';

/** Kinds of pool findings: never returned, freed twice, freed into a pool it never came from, touched after free. */
export type PoolViolationKind = 'leak' | 'double-free' | 'foreign-free' | 'use-after-free';

/** A pool finding with the resource's whole history as evidence. */
export interface PoolViolation {
  readonly kind: PoolViolationKind;
  /** The pool's name. */
  readonly pool: string;
  readonly resourceId: number;
  /** Generation of the handle involved. */
  readonly gen: number;
  readonly state: ResourceState;
  /** For a use-after-free: what was touched (a field name or an operation). */
  readonly access?: string;
  /** One line for humans. */
  readonly message: string;
  readonly history: readonly ResourceEvent[];
  readonly step: number;
  readonly time: number;
  readonly task: string;
}
