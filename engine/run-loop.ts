/**
 * The Run loop (spec §2): one select over the bulker channel, the flush timer, Run's ctx
 * and (C) the enroll timer; thresholds; doFlush/doFlushEnroll; and the exit, which upstream
 * abandons every queued block and the hardened variant fails.
 */
import { onRecv, select, Weighted, type Context, type GoError, type Proc } from '../sim/index.ts';
import { Action, byteLen, type Blk } from './block.ts';
import type { EngineCore } from './core.ts';
import { drainBulkerChannel } from './drain-channel.ts';
import type { FlushTrigger } from './observer.ts';
import { ErrBulkerClosed } from './errors.ts';
import { failQueue } from './fail-queue.ts';
import { flushQueue } from './flush-queue.ts';
import { blkToQueueType, copyQueue, newQueues, QueueType, type Queue } from './queue.ts';

/** `Run(ctx)`: returns the error that ended the loop. */
export function* runLoop(e: EngineCore, ctx: Context): Proc<GoError | null> {
  const { opts, flags, sim } = e;
  const queues = newQueues();
  let itemCnt = 0;
  let byteCnt = 0;
  let enrollItemCnt = 0;
  const timer = sim.newTimer(opts.flushInterval, `${e.name}.flushTimer`);
  timer.stop();
  const enrollTimer = flags.enrollQueue ? sim.newTimer(opts.enrollFlushInterval, `${e.name}.enrollTimer`) : null;
  enrollTimer?.stop();
  const w = new Weighted(sim, opts.maxPending, `${e.name}.flushSem`);

  const observe = (trigger: FlushTrigger, q: Queue) => e.observer?.onFlush?.({ trigger, queue: q.type, cnt: q.cnt, bytes: q.pending, step: sim.steps, time: sim.now });

  function* doFlush(trigger: FlushTrigger): Proc<GoError | null> {
    for (const q of queues) {
      if (q.type === QueueType.enrollSearch) continue;
      if (q.pending > 0) {
        observe(trigger, q);
        const err = yield* flushQueue(e, ctx, w, copyQueue(q));
        if (err !== null) return err;
        resetQueue(q);
      }
    }
    itemCnt = 0;
    byteCnt = 0;
    return null;
  }

  function* doFlushEnroll(trigger: FlushTrigger): Proc<GoError | null> {
    const q = queues[QueueType.enrollSearch] as Queue;
    if (q.pending > 0) {
      observe(trigger, q);
      const err = yield* flushQueue(e, ctx, w, copyQueue(q));
      if (err !== null) return err;
      resetQueue(q);
    }
    enrollItemCnt = 0;
    return null;
  }

  e.hooks.onRunStart?.(e);
  let err: GoError | null = null;
  while (err === null) {
    const r = yield* select([onRecv(e.ch), onRecv(timer.C), onRecv(ctx.done()), onRecv(enrollTimer?.C ?? null)]);
    switch (r.index) {
      case 0: {
        const h = r.value as Blk;
        const action = e.pool.read(h, 'action', 'Run: n.action (routing)');
        const refresh = e.pool.read(h, 'refresh', 'Run: n.flags (routing)');
        const dedupeKey = flags.enrollQueue && action === Action.search ? e.pool.read(h, 'dedupeKey', 'Run: n.dedupeKey (routing)') : '';
        const qt = blkToQueueType({ action, refresh, dedupeKey }, flags.enrollQueue);
        const q = queues[qt] as Queue;
        const len = byteLen(e.pool.read(h, 'buf', 'Run: len(n.buf)'));
        e.pool.write(h, 'next', q.head, 'Run: n.next = queue.head');
        q.head = h;
        q.cnt++;
        q.pending += len;
        if (qt !== QueueType.enrollSearch) {
          itemCnt++;
          byteCnt += len;
          if (itemCnt === 1 && e.hooks.armFlushTimer?.(e) !== false) timer.reset(opts.flushInterval);
          if (itemCnt >= opts.flushThresholdCnt || byteCnt >= opts.flushThresholdSz) {
            err = yield* doFlush(itemCnt >= opts.flushThresholdCnt ? 'count' : 'size');
            timer.stop();
          }
        } else {
          enrollItemCnt++;
          if (enrollItemCnt === 1) enrollTimer?.reset(opts.enrollFlushInterval);
          if (enrollItemCnt >= opts.enrollFlushThresholdCnt) {
            err = yield* doFlushEnroll('enroll-count');
            enrollTimer?.stop();
          }
        }
        break;
      }
      case 1:
        err = yield* doFlush('timer');
        break;
      case 2:
        if (e.hooks.onRunCancel !== undefined) yield* e.hooks.onRunCancel(e);
        err = ctx.err();
        break;
      case 3:
        err = yield* doFlushEnroll('enroll-timer');
        break;
    }
  }
  sim.note(`${e.name}: Run exits: ${err.message}`);
  e.observer?.onRunExit?.(err.message);
  for (const q of queues) if (q.head !== null) observe('exit', q);
  if (flags.failOnExit) yield* failOnExit(e, queues);
  return err;
}

function resetQueue(q: Queue): void {
  q.cnt = 0;
  q.head = null;
  q.pending = 0;
}

/** Hardened exit: signal closed, fail every queued block, then empty the bulker channel. */
function* failOnExit(e: EngineCore, queues: Queue[]): Proc<void> {
  if (e.closed !== null && !e.closed.closed) e.closed.close();
  for (const q of queues) {
    const head = q.head;
    resetQueue(q);
    if (head !== null) yield* failQueue(e, head, ErrBulkerClosed, 'Run exit');
  }
  yield* drainBulkerChannel(e, 'Run exit');
}
