/**
 * What the engine's functions need from a bulker: its kernel, transport, switches,
 * options, pool and channels. {@link Bulker} implements it; tests may build one by hand.
 */
import type { AtomicInt, Chan, Sim, TrackedPool } from '../sim/index.ts';
import type { Transport } from './transport.ts';
import type { Blk, BulkT } from './block.ts';
import type { ExitLog } from './exit-log.ts';
import type { BulkOptions } from './options.ts';
import type { EngineHooks } from './hooks.ts';
import type { EngineObserver } from './observer.ts';
import type { VariantFlags } from './variants.ts';

/** The engine state shared by Run, the flushes, dispatch and the public operations. */
export interface EngineCore {
  readonly sim: Sim;
  readonly transport: Transport;
  readonly flags: VariantFlags;
  /** Deliberate bugs (tests of the checkers only; {@link NO_HOOKS} otherwise). */
  readonly hooks: EngineHooks;
  /** Typed facts for checkers ({@link NO_OBSERVER} when nobody listens); absent in hand-built cores. */
  readonly observer?: EngineObserver;
  readonly opts: BulkOptions;
  /** Name used in task, channel and semaphore names. */
  readonly name: string;
  /** The tracked block pool. */
  readonly pool: TrackedPool<BulkT>;
  /** The bulker channel (`b.ch`), capacity `blockQueueSz`. */
  readonly ch: Chan<Blk>;
  /** `pendingBulkDispatches`. */
  readonly pendingDispatches: AtomicInt;
  /** Hardened only: closed when Run exits; null in the upstream variants. */
  readonly closed: Chan<never> | null;
  /** How each call left the engine with its block (for checkers; absent in hand-built test cores). */
  readonly exits?: ExitLog;
  /** Numbers flushes for task names (`flush-<n>-<queue>`). */
  nextFlushId(): number;
  /** Numbers multi-op calls for channel names. */
  nextMultiId(): number;
}

/** The name of the running task, for pool owners and notes. */
export function taskName(e: EngineCore): string {
  return e.sim.current?.name ?? 'kernel';
}
