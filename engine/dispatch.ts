/**
 * `dispatch` (spec §4): the pending-dispatch limit, the enqueue select and the wait
 * select, with each variant's handling of the two aborts. Hardened adds the bulker's
 * `closed` signal to both selects.
 */
import { onRecv, onSend, select, type Context, type Proc } from '../sim/index.ts';
import type { Blk, Resp } from './block.ts';
import type { EngineCore } from './core.ts';
import { startDrain } from './drain.ts';
import { drainBulkerChannel } from './drain-channel.ts';
import { ErrBulkerClosed, ErrTooManyBulkDispatches } from './errors.ts';

/** What dispatch returns: the response, and whether it came from the engine (a real answer). */
export interface Dispatched extends Resp {
  /** True when `err`/`data` were received from the block's response channel. */
  readonly answered: boolean;
}

/** Dispatches a pooled block and waits for its response. */
export function* dispatch(e: EngineCore, ctx: Context, h: Blk): Proc<Dispatched> {
  const limit = e.opts.maxPendingBulkDispatches;
  if (limit <= 0) return yield* dispatchSelects(e, ctx, h);
  const pending = yield* e.pendingDispatches.add(1);
  try {
    if (pending > limit) {
      e.sim.note(`dispatch: ${pending} pending dispatches exceed the limit ${limit}`);
      e.pool.release(h, 'dispatch: pending-dispatch limit');
      e.exits?.record(h, 'limit', ErrTooManyBulkDispatches);
      return { err: ErrTooManyBulkDispatches, idx: 0, data: null, answered: false };
    }
    return yield* dispatchSelects(e, ctx, h);
  } finally {
    yield* e.pendingDispatches.add(-1);
  }
}

function* dispatchSelects(e: EngineCore, ctx: Context, h: Blk): Proc<Dispatched> {
  const { flags, pool } = e;
  const done = e.hooks.callerDone !== undefined ? e.hooks.callerDone(e, ctx) : ctx.done();
  // First select: enqueue, or abort.
  const r1 = yield* select([onSend(e.ch, h), onRecv(done), onRecv(e.closed)]);
  if (r1.index === 1) {
    if (flags.freeOnAbortQueue) pool.release(h, 'dispatch: ctx done before enqueue');
    else e.sim.note(`dispatch abort queue: block ${h.resource.id} not freed`);
    e.exits?.record(h, 'abort-before-enqueue', ctx.err());
    return { err: ctx.err(), idx: 0, data: null, answered: false };
  }
  if (r1.index === 2) {
    pool.release(h, 'dispatch: bulker closed before enqueue');
    e.exits?.record(h, 'closed', ErrBulkerClosed);
    return { err: ErrBulkerClosed, idx: 0, data: null, answered: false };
  }
  if (h.resource.gen === h.gen && h.resource.state === 'acquired') pool.mark(h, 'enqueue', 'enqueued');
  // Second select: the response, or abort.
  const ch = pool.read(h, 'ch', 'dispatch: n.ch after enqueue');
  let closedSeen = false;
  for (;;) {
    const r2 = yield* select([onRecv(ch), onRecv(done), onRecv(closedSeen ? null : e.closed)]);
    if (r2.index === 0) {
      const resp = r2.value as Resp;
      e.exits?.record(h, 'answered', resp.err);
      return { err: resp.err, idx: resp.idx, data: resp.data, answered: true };
    }
    if (r2.index === 1) {
      if (flags.drainOnAbortResponse) startDrain(e, h, ch);
      else e.sim.note(`dispatch abort response: block ${h.resource.id} not freed`);
      e.exits?.record(h, 'abort-after-enqueue', ctx.err());
      return { err: ctx.err(), idx: 0, data: null, answered: false };
    }
    // Hardened: Run has exited. Empty the dead channel (failing each block, ours included
    // if it is still there), then keep waiting: our answer is now guaranteed to come.
    closedSeen = true;
    yield* drainBulkerChannel(e, 'dispatch');
  }
}
