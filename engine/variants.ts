/**
 * The engine variants: one model, small named switches (spec §0.1, §4, §5.2; HARDENED.md),
 * each pinned to the upstream commit it models.
 */
import type { Micros } from '../sim/index.ts';
import { DISPATCH_ABORT_DRAIN_TIMEOUT } from './options.ts';
import { APPLY_DEFAULT_OPTIONS, GO_ELASTICSEARCH_DEFAULTS_819, type RetryPolicy } from './es-client/retry-policy.ts';

/** Variant names: the release lines users run, the commits around PR #6747, and this project's proposal. */
export type VariantName = 'pre-fix' | 'pr-6747' | 'upstream' | 'hardened' | 'release-8.19' | 'release-9.3' | 'release-9.4' | 'release-9.5' | 'main';

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
  /** Hardened: CreateAndGetBulker runs one call at a time (upstream's lock sections let concurrent first uses orphan children). */
  readonly childCreateSerialized: boolean;
  /** Hardened: a failed re-creation removes the cancelled child from the map (upstream keeps handing it out). */
  readonly childForgetFailed: boolean;
  /** Hardened: the child Run wrapper's errCh has room for Run's result (upstream's unbuffered send blocks forever once the watcher left). */
  readonly childErrChBuffered: boolean;
  /**
   * Hardened: CreateAndGetBulker refuses (ErrBulkerClosed) once the parent's Run has exited
   * (upstream starts the child anyway, on a Background context that nobody cancels).
   */
  readonly childRefusedAfterRunExit: boolean;
  /**
   * Hardened: flushQueue waits for a flush slot on Run's ctx itself, with no 60 s acquire
   * timeout (upstream's can expire before a slot holder spawned at the same instant, with its
   * own 60 s flushCtx, lets go: Run returns with its ctx live, R5).
   */
  readonly acquireOnRunCtx: boolean;
  /**
   * Hardened: the ES client's `RetryBackoff` takes a mutex (upstream's one backoff per client
   * is reset and advanced by concurrent requests without a lock: a data race).
   */
  readonly backoffLocked: boolean;
  /** The ES client's retry settings on this release line (`es/client.go`; see `es-client/retry-policy.ts`). */
  readonly esClient: RetryPolicy;
}

/** Flags plus a one-line description and the upstream commit the variant models. */
export type VariantSpec = VariantFlags & {
  readonly description: string;
  /** `elastic/fleet-server@<commit>` and what that commit is; `dst list` shows it. */
  readonly source: string;
};

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

/** What every upstream commit has: no hardening switch. */
const UPSTREAM = {
  drainTimeout: DISPATCH_ABORT_DRAIN_TIMEOUT,
  freeOnValidationError: false,
  freeOnErrorResponse: false,
  failOnExit: false,
  closedSignal: false,
  apiKeySaveNext: false,
  multiSkipNilItem: false,
  childCreateSerialized: false,
  childForgetFailed: false,
  childErrChBuffered: false,
  childRefusedAfterRunExit: false,
  acquireOnRunCtx: false,
  backoffLocked: false,
} as const;

/**
 * The flag sets upstream has had. Every release line carries #6751 (the pending-dispatch
 * limit, off by default); the sets differ in #6747 (the dispatch-abort frees), #7190
 * (API-key buffers cut at the newline, and flushBufPool, which the model does not track),
 * #7662 (the enrollment search queue) and the ES client's retry settings.
 */
const FLAGS = {
  /** 8.19: before #6747, no applyDefaultOptions (the 8.x line never got #4515). */
  v819: { ...UPSTREAM, freeOnAbortQueue: false, drainOnAbortResponse: false, enrollQueue: false, apiKeyCutParse: false, esClient: GO_ELASTICSEARCH_DEFAULTS_819 },
  /** Before #6747 with applyDefaultOptions: 9.3, 9.4, and main before the fix. */
  preFix: { ...UPSTREAM, freeOnAbortQueue: false, drainOnAbortResponse: false, enrollQueue: false, apiKeyCutParse: false, esClient: APPLY_DEFAULT_OPTIONS },
  /** #6747 merged, before #7190. */
  fix: { ...UPSTREAM, freeOnAbortQueue: true, drainOnAbortResponse: true, enrollQueue: false, apiKeyCutParse: false, esClient: APPLY_DEFAULT_OPTIONS },
  /** #6747 and #7190, before #7662: 9.5. */
  fixPerf: { ...UPSTREAM, freeOnAbortQueue: true, drainOnAbortResponse: true, enrollQueue: false, apiKeyCutParse: true, esClient: APPLY_DEFAULT_OPTIONS },
  /** main at dc8e230: #6747, #7190, #7662. */
  main: { ...UPSTREAM, freeOnAbortQueue: true, drainOnAbortResponse: true, enrollQueue: true, apiKeyCutParse: true, esClient: APPLY_DEFAULT_OPTIONS },
} as const satisfies Record<string, VariantFlags>;

const at = (commit: string, what: string): string => `elastic/fleet-server@${commit} (${what})`;

/** Every variant's switches. */
export const VARIANTS: Record<VariantName, VariantSpec> = checked({
  'release-8.19': Object.freeze({
    description: '8.19 branch head: no free on either dispatch abort (#6747 not backported), pending-dispatch limit (#6751), no enrollment queue; ES client: go-elasticsearch defaults (3 retries on 502/503/504, no backoff)',
    source: at('05ede1d6392deb56dffb073245739fae644cbd05', '8.19 head, 2026-08-20'),
    ...FLAGS.v819,
  }),
  'release-9.3': Object.freeze({
    description: '9.3 branch head: no free on either dispatch abort (#6747 not backported), pending-dispatch limit (#6751), no enrollment queue; ES client: applyDefaultOptions',
    source: at('32d5c4052c50701b23861cb47cbc44f7e9404251', '9.3 head, 2026-08-12'),
    ...FLAGS.preFix,
  }),
  'release-9.4': Object.freeze({
    description: '9.4 branch head: no free on either dispatch abort (#6747 not backported), pending-dispatch limit (#6751), no enrollment queue; ES client: applyDefaultOptions',
    source: at('c1ba69b8ef963cd36065dc24b747e37f187e88d7', '9.4 head, 2026-08-21'),
    ...FLAGS.preFix,
  }),
  'release-9.5': Object.freeze({
    description: '9.5 branch head: #6747 (free on queue abort, 15 s drain on response abort), #6751, #7190, no enrollment queue',
    source: at('37a8331c5dc9a06d7f828b299f2cfbce144c44a7', '9.5 head, 2026-08-20'),
    ...FLAGS.fixPerf,
  }),
  main: Object.freeze({
    description: 'main at dc8e230: #6747, #6751, #7190 and the enrollment search queue (#7662)',
    source: at('dc8e230794627c92f294bc17522c9a87e6226ca1', 'main head, 2026-08-21'),
    ...FLAGS.main,
  }),
  'pre-fix': Object.freeze({
    description: 'upstream before PR #6747 (A): no free on either dispatch abort (the flags of release-9.3 and release-9.4)',
    source: at('b8a9404c2448b2f4d0360dcf653494e5667a3620', 'main just before #6747, 2026-04-13'),
    ...FLAGS.preFix,
  }),
  'pr-6747': Object.freeze({
    description: 'the fix as merged (B): free on queue abort, 15 s drain on response abort',
    source: at('58c5680ea0f7560fe2f5ef6bc539237df27eb036', '#6747 merged, 2026-04-13'),
    ...FLAGS.fix,
  }),
  upstream: Object.freeze({
    description: 'upstream main as of 2026-08 (C): the flags and commit of main',
    source: at('dc8e230794627c92f294bc17522c9a87e6226ca1', 'main head, 2026-08-21'),
    ...FLAGS.main,
  }),
  hardened: Object.freeze({
    description: "this project's proposal: main with every block path closed (see engine/HARDENED.md)",
    source: 'main (dc8e230) plus the switches of engine/HARDENED.md',
    ...FLAGS.main,
    drainTimeout: null,
    freeOnValidationError: true,
    freeOnErrorResponse: true,
    failOnExit: true,
    closedSignal: true,
    apiKeySaveNext: true,
    multiSkipNilItem: true,
    childCreateSerialized: true,
    childForgetFailed: true,
    childErrChBuffered: true,
    childRefusedAfterRunExit: true,
    acquireOnRunCtx: true,
    backoffLocked: true,
  }),
});

/** All variant names, in order. */
export const VARIANT_NAMES: readonly VariantName[] = ['pre-fix', 'pr-6747', 'upstream', 'hardened', 'release-8.19', 'release-9.3', 'release-9.4', 'release-9.5', 'main'];

/** A variant's flags as one comparable key (its retry policy by name). */
export function flagsKey(f: VariantFlags): string {
  const { esClient, ...all } = f as VariantFlags & { description?: string; source?: string };
  const { description: _d, source: _s, ...rest } = all;
  const keys = Object.keys(rest).sort() as (keyof typeof rest)[];
  return JSON.stringify([esClient.name, ...keys.map((k) => [k, rest[k]])]);
}

/**
 * One variant per distinct flag set, for tests that cover every behaviour the model has:
 * `pre-fix` stands for release-9.3 and release-9.4 too, `upstream` for main (a test checks
 * that these groups are exactly the variants with equal flags).
 */
export const DISTINCT_VARIANTS: readonly VariantName[] = ['pre-fix', 'pr-6747', 'upstream', 'hardened', 'release-8.19', 'release-9.5'];
