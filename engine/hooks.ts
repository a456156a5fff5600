/**
 * The one seam through which a deliberately broken engine departs from the model, for
 * tests that prove each checker can fail (a checker that cannot fail is a defect). The
 * engine calls each hook at one place; the default has none, so the model runs as the
 * upstream code does. Nothing from the CLI, scenarios or repro files can set a hook.
 */
import type { GoError, Proc } from '../sim/index.ts';
import type { Chan, Context } from '../sim/index.ts';
import type { Blk, Resp } from './block.ts';
import type { BulkItem } from './decode/index.ts';
import type { OpOptions } from './op-options.ts';
import type { EngineCore } from './core.ts';
import type { Queue } from './queue.ts';

/** Hook points, each optional. */
export interface EngineHooks {
  /** flushBulk, once the request body is built: what to do instead of sending it (the flush's result). */
  readonly flushBulkInstead?: (e: EngineCore, q: Queue) => Proc<GoError | null>;
  /** A caller just freed its block after a successful response. */
  readonly afterCallerFree?: (e: EngineCore, h: Blk) => void;
  /** The Run loop is about to enter its select loop. */
  readonly onRunStart?: (e: EngineCore) => void;
  /** The Run loop saw its context done, before it returns. */
  readonly onRunCancel?: (e: EngineCore) => Proc<void>;
  /** A flush just sent `resp` on the block's response channel. */
  readonly afterAnswer?: (e: EngineCore, h: Blk, resp: Resp, site: string) => Proc<void>;
  /** Run is about to arm the flush timer for a first queued item: false skips it. */
  readonly armFlushTimer?: (e: EngineCore) => boolean;
  /** A flush task is about to release its `maxPending` slot after its flush returned `err`: false keeps the slot. */
  readonly releaseFlushSlot?: (e: EngineCore, err: GoError | null) => boolean;
  /** dispatch picks the channel its two selects watch for the caller's context ending (default `ctx.done()`). */
  readonly callerDone?: (e: EngineCore, ctx: Context) => Chan<never> | null;
  /** waitBulkAction's options, as the operation will use them. */
  readonly callOptions?: (e: EngineCore, opts: OpOptions) => OpOptions;
  /** multiWaitBulkOp's results, as the caller will receive them. */
  readonly multiResults?: (e: EngineCore, items: BulkItem[]) => BulkItem[];
}

/** No hooks: the engine as modelled. */
export const NO_HOOKS: EngineHooks = Object.freeze({});
