/**
 * A property violation with its evidence.
 */
import type { ResourceEvent } from '../sim/index.ts';

/** Evidence attached to a violation: enough to understand it without re-running. */
export interface Evidence {
  /** The tracked resource involved (a pooled block), if any, and its whole history. */
  readonly blockId?: number;
  /** The generation of that resource the finding is about (`block <id>.<gen>` in messages and traces). */
  readonly gen?: number;
  readonly history?: readonly ResourceEvent[];
  /** Tasks involved (names with lineage). */
  readonly tasks?: readonly string[];
  /** Kernel step and virtual time at which it was detected. */
  readonly step: number;
  readonly time: number;
}

/** One violation of one property. */
export interface Violation {
  /** The property's name (a core property or one of the target's). */
  readonly property: string;
  /** One line for humans, e.g. "block 17 (Search, acquired by caller-42 at 12.500 s) was never freed: ...". */
  readonly message: string;
  /**
   * What identifies the bug rather than the seed: the property and the code path that
   * produced it, with ids normalised away (see `properties/signature.ts`). Reports group
   * violations into bugs by it. A property that sets none gets a generic one.
   */
  readonly signature?: string;
  readonly evidence: Evidence;
}
