/**
 * The four engine variants: one model, small named switches (spec §0.1, §4, §5.2; HARDENED.md).
 */
import type { Micros } from '../sim/index.ts';
import { DISPATCH_ABORT_DRAIN_TIMEOUT } from './options.ts';
import { APPLY_DEFAULT_OPTIONS, type RetryPolicy } from './es-client/retry-policy.ts';

/** Variant names. */
export type VariantName = 'pre-fix' | 'pr-6747' | 'upstream' | 'hardened';

/** The switches in which the variants differ. */
export interface VariantFlags {
  /** B/C: dispatch frees the block when the caller's ctx wins the first select (P3). */
  readonly freeOnAbortQueue: boolean;
  /** B/C: dispatch starts a drain task when the caller's ctx wins the second select (P4). */
  readonly drainOnAbortResponse: boolean;
  /** Drain budget; null means "until the response arrives" (hardened: every block is answered). */
  readonly drainTimeout: Micros | null;
  /** C: the enrollment search queue, its timer and its counter. */
  readonly enrollQueue: boolean;
  /** Hardened: free the block when validation fails after acquire (V1). */
  readonly freeOnValidationError: boolean;
  /** Hardened: the caller frees the block after any response, error or not (V4, V5, V6). */
  readonly freeOnErrorResponse: boolean;
  /** Hardened: Run's exit fails every block in its queues and in the bulker channel (V7, R5). */
  readonly failOnExit: boolean;
  /** Hardened: a `closed` channel closed on Run's exit; dispatch and waiters select on it (V7b). */
  readonly closedSignal: boolean;
  /** Hardened: flushUpdateAPIKey reads `next` before each send (upstream reads it after: a use after free). */
  readonly apiKeySaveNext: boolean;
  /**
   * #7190: flushUpdateAPIKey cuts each buffer at its first newline and unmarshals the rest;
   * before it, one json.Decoder reads the meta line and then the body (`apikey-request.ts`).
   */
  readonly apiKeyCutParse: boolean;
  /**
   * Hardened: multiWaitBulkOp skips a typed-nil item (an item without a known op key)
   * instead of dereferencing it (upstream panics: opMulti.go l.119–120).
   */
  readonly multiSkipNilItem: boolean;
  /** The ES client's retry settings on this release line (`es/client.go`; see `es-client/retry-policy.ts`). */
  readonly esClient: RetryPolicy;
}

/** Flags plus a one-line description. */
export type VariantSpec = VariantFlags & { readonly description: string };

const none = {
  freeOnValidationError: false,
  freeOnErrorResponse: false,
  failOnExit: false,
  closedSignal: false,
  apiKeySaveNext: false,
  multiSkipNilItem: false,
} as const;

/**
 * Switches that only make sense together, as (flag, what it needs, why). A variant that
 * sets a flag without what it needs is rejected when this module loads.
 */
const NEEDS: ReadonlyArray<readonly [keyof VariantFlags | 'drainTimeout: null', (f: VariantFlags) => boolean, string]> = [
  ['closedSignal', (f) => f.failOnExit, 'failOnExit: waiters that see `closed` rely on Run having failed what it held'],
  ['drainTimeout: null', (f) => f.drainOnAbortResponse && f.failOnExit && f.closedSignal, 'drainOnAbortResponse, failOnExit and closedSignal: a drain without a timeout is safe only when every enqueued block is guaranteed an answer'],
  ['freeOnErrorResponse', (f) => f.freeOnAbortQueue, 'freeOnAbortQueue: freeing after engine errors but not after a queue abort leaves the V2 leak open, a half fix'],
];

/** Why a set of switches is inconsistent, or null when it is not. */
export function variantProblem(name: string, f: VariantFlags): string | null {
  for (const [flag, ok, needs] of NEEDS) {
    const set = flag === 'drainTimeout: null' ? f.drainTimeout === null : f[flag] === true;
    if (set && !ok(f)) return `variant ${name}: ${flag} needs ${needs}`;
  }
  return null;
}

function checked(specs: Record<VariantName, VariantSpec>): Record<VariantName, VariantSpec> {
  for (const [name, f] of Object.entries(specs)) {
    const p = variantProblem(name, f);
    if (p !== null) throw new Error(p);
  }
  return Object.freeze(specs);
}

/** Every variant's switches. */
export const VARIANTS: Record<VariantName, VariantSpec> = checked({
  'pre-fix': Object.freeze({
    description: 'upstream before PR #6747 (A): no free on either dispatch abort',
    freeOnAbortQueue: false,
    drainOnAbortResponse: false,
    drainTimeout: DISPATCH_ABORT_DRAIN_TIMEOUT,
    enrollQueue: false,
    esClient: APPLY_DEFAULT_OPTIONS,
    apiKeyCutParse: false,
    ...none,
  }),
  'pr-6747': Object.freeze({
    description: 'the fix as merged (B): free on queue abort, 15 s drain on response abort',
    freeOnAbortQueue: true,
    drainOnAbortResponse: true,
    drainTimeout: DISPATCH_ABORT_DRAIN_TIMEOUT,
    enrollQueue: false,
    esClient: APPLY_DEFAULT_OPTIONS,
    apiKeyCutParse: false,
    ...none,
  }),
  upstream: Object.freeze({
    description: 'upstream main as of 2026-08 (C): B plus the enrollment search queue',
    freeOnAbortQueue: true,
    drainOnAbortResponse: true,
    drainTimeout: DISPATCH_ABORT_DRAIN_TIMEOUT,
    enrollQueue: true,
    esClient: APPLY_DEFAULT_OPTIONS,
    apiKeyCutParse: true,
    ...none,
  }),
  hardened: Object.freeze({
    description: 'this project\'s proposal: upstream with every block path closed (see engine/HARDENED.md)',
    freeOnAbortQueue: true,
    drainOnAbortResponse: true,
    drainTimeout: null,
    enrollQueue: true,
    esClient: APPLY_DEFAULT_OPTIONS,
    apiKeyCutParse: true,
    freeOnValidationError: true,
    freeOnErrorResponse: true,
    failOnExit: true,
    closedSignal: true,
    apiKeySaveNext: true,
    multiSkipNilItem: true,
  }),
});

/** All variant names, in order. */
export const VARIANT_NAMES: readonly VariantName[] = ['pre-fix', 'pr-6747', 'upstream', 'hardened'];
