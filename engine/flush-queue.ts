/**
 * `flushQueue` (spec §3.1): acquire a flush slot in the Run task (bounded by a 60 s child
 * of Run's ctx; hardened: by Run's ctx), then spawn one flush task with its own 60 s child
 * of Run's ctx. The task runs the queue's flush kind, fails the queue on error, and releases
 * the slot last.
 */
import { withTimeout, type Context, type GoError, type Proc, type Weighted } from '../sim/index.ts';
import type { EngineCore } from './core.ts';
import { failQueue } from './fail-queue.ts';
import { flushUpdateAPIKey } from './flush-apikey.ts';
import { flushBulk } from './flush-bulk.ts';
import { flushEnrollSearch } from './flush-enroll.ts';
import { flushRead } from './flush-read.ts';
import { flushSearch } from './flush-search.ts';
import { FLUSH_CONTEXT_TIMEOUT } from './options.ts';
import { QUEUE_NAMES, QueueType, type Queue } from './queue.ts';

/** The flush function for a queue type (table of spec §1.4). */
export function flushKind(e: EngineCore, ctx: Context, q: Queue): Proc<GoError | null> {
  switch (q.type) {
    case QueueType.bulk:
    case QueueType.refreshBulk:
      return flushBulk(e, ctx, q);
    case QueueType.read:
    case QueueType.refreshRead:
      return flushRead(e, ctx, q);
    case QueueType.search:
    case QueueType.fleetSearch:
      return flushSearch(e, ctx, q);
    case QueueType.enrollSearch:
      return flushEnrollSearch(e, ctx, q);
    case QueueType.apiKeyUpdate:
      return flushUpdateAPIKey(e, ctx, q);
  }
}

/**
 * Acquires a slot (in the caller, i.e. Run) and starts the flush task; returns the acquire error.
 * Hardened (`acquireOnRunCtx`) waits on Run's ctx itself: every slot holder is already bounded
 * by its own 60 s flushCtx, and a 60 s acquire timeout started at the instant that holder was
 * spawned (one doFlush's next queue, or the enroll flush on the same tick) ends first (R5),
 * since the holder releases only after failing its queue: Run returns while its ctx is live.
 */
export function* flushQueue(e: EngineCore, runCtx: Context, w: Weighted, q: Queue): Proc<GoError | null> {
  const err = e.flags.acquireOnRunCtx ? yield* w.acquire(runCtx, 1) : yield* acquireWithTimeout(e, runCtx, w);
  if (err !== null) {
    e.sim.note(`flushQueue ${QUEUE_NAMES[q.type]}: semaphore acquire failed: ${err.message}`);
    return err;
  }
  const name = `flush-${e.nextFlushId()}-${QUEUE_NAMES[q.type]}`;
  const task = e.sim.spawn(name, () => flushTask(e, runCtx, w, q, name));
  w.handOver(task);
  return null;
}

/** Upstream: `w.Acquire` on a 60 s child of Run's ctx. */
function* acquireWithTimeout(e: EngineCore, runCtx: Context, w: Weighted): Proc<GoError | null> {
  const [acquireCtx, cancelAcquire] = withTimeout(runCtx, FLUSH_CONTEXT_TIMEOUT, `${e.name}.acquireCtx`);
  const err = yield* w.acquire(acquireCtx, 1);
  cancelAcquire();
  return err;
}

/** The flush task F. */
function* flushTask(e: EngineCore, runCtx: Context, w: Weighted, q: Queue, name: string): Proc<void> {
  const [flushCtx, cancel] = withTimeout(runCtx, FLUSH_CONTEXT_TIMEOUT, `${name}.ctx`);
  const err = yield* flushKind(e, flushCtx, q);
  if (err !== null) {
    e.sim.note(`${name} failed: ${err.message}`);
    yield* failQueue(e, q.head, err);
  }
  // Deferred in this order upstream: slot release, tracing end, flushCtx cancel.
  if (e.hooks.releaseFlushSlot?.(e, err) !== false) w.release(1);
  cancel();
}
