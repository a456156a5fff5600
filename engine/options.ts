/**
 * Engine options and their two sets of defaults (spec §1.5), plus the engine's constants.
 */
import { ms, sec, type Micros } from '../sim/index.ts';

/** Bulker options (`opt.go`). Durations are kernel microseconds. */
export interface BulkOptions {
  /** Run's flush timer. */
  readonly flushInterval: Micros;
  /** Item-count threshold across non-enroll queues. */
  readonly flushThresholdCnt: number;
  /** Byte threshold across non-enroll queues. */
  readonly flushThresholdSz: number;
  /** Weight of the flush semaphore (concurrent flushes). */
  readonly maxPending: number;
  /** Capacity of the bulker channel. */
  readonly blockQueueSz: number;
  /** Pending-dispatch limit; 0 disables it. */
  readonly maxPendingBulkDispatches: number;
  /** Size of the direct API-key semaphore (not used by the queue engine). */
  readonly apikeyMaxParallel: number;
  /** Max request size for API-key bulk updates, bytes. */
  readonly apikeyMaxReqSize: number;
  /** C: enroll flush timer. */
  readonly enrollFlushInterval: Micros;
  /** C: enroll item-count threshold. */
  readonly enrollFlushThresholdCnt: number;
}

const MiB = 1024 * 1024;

/** Engine defaults (`NewBulker` with no options; also what remote child bulkers use). */
export const ENGINE_DEFAULTS: BulkOptions = Object.freeze({
  flushInterval: sec(5),
  flushThresholdCnt: 32768,
  flushThresholdSz: 10 * MiB,
  maxPending: 32,
  blockQueueSz: 32,
  maxPendingBulkDispatches: 0,
  apikeyMaxParallel: 32,
  apikeyMaxReqSize: 100 * MiB,
  enrollFlushInterval: sec(1),
  enrollFlushThresholdCnt: 50,
});

/** Server configuration defaults (`BulkOptsFromCfg(defaults)`), used by the main bulker. */
export const SERVER_CONFIG_DEFAULTS: BulkOptions = Object.freeze({
  flushInterval: ms(250),
  flushThresholdCnt: 2048,
  flushThresholdSz: 1 * MiB,
  maxPending: 8,
  blockQueueSz: 32,
  maxPendingBulkDispatches: 0,
  apikeyMaxParallel: 128 - 8,
  apikeyMaxReqSize: 100 * MiB,
  enrollFlushInterval: sec(1),
  enrollFlushThresholdCnt: 50,
});

/** `defaultFlushContextTimeout`: bounds both the semaphore acquire and each flush. */
export const FLUSH_CONTEXT_TIMEOUT: Micros = sec(60);

/** `dispatchAbortDrainTimeout` (B, C): 3 × the compile-time 5 s flush interval. */
export const DISPATCH_ABORT_DRAIN_TIMEOUT: Micros = sec(15);

/** API-key bulk update: bytes reserved for the request envelope. */
export const APIKEY_ENVELOPE_SIZE = 64;

/** API-key bulk update: fraction of the spare space used for ids. */
export const APIKEY_SAFE_BUFFER = 0.9;

/** Merges partial options over a base set. */
export function resolveOptions(base: BulkOptions, over?: Partial<BulkOptions>): BulkOptions {
  return Object.freeze({ ...base, ...(over ?? {}) });
}
