/**
 * Findings of the tracked pool.
 */
import type { BlockEvent, BlockState } from './block.ts';

/** Kinds of pool findings; each maps to a property (`block-lifecycle`, `double-free`, `use-after-free`). */
export type PoolViolationKind = 'leak' | 'double-free' | 'foreign-free' | 'use-after-free';

/** A pool finding with the block's whole history as evidence. */
export interface PoolViolation {
  readonly kind: PoolViolationKind;
  readonly blockId: number;
  /** Generation of the handle involved. */
  readonly gen: number;
  readonly state: BlockState;
  /** One line for humans. */
  readonly message: string;
  readonly history: readonly BlockEvent[];
  readonly step: number;
  readonly time: number;
  readonly task: string;
}
