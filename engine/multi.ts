/**
 * Multi operations (spec §1.2, §4.5): n unpooled blocks sharing one response channel of
 * capacity n; `multiDispatch` bypasses `dispatch` (no limit, no frees); `multiWaitBulkOp`
 * collects n responses. The options are ignored, as upstream (R3).
 */
import { GoError, onRecv, onSend, select, type Context, type Proc } from '../sim/index.ts';
import { ACTION_NAMES, writeBuf, type Blk, type Resp } from './block.ts';
import { taskName, type EngineCore } from './core.ts';
import { drainBulkerChannel } from './drain-channel.ts';
import { ErrBulkerClosed } from './errors.ts';
import { fail, ok, type Result } from './op-options.ts';
import { bulkFragment } from './ops-bulk.ts';
import type { BulkItem } from './decode/index.ts';
import { deref, TypedNil } from './typed-nil.ts';

/** One operation of a multi call. */
export interface MultiOp {
  readonly index: string;
  readonly id: string;
  readonly body?: string | null;
}

/** `multiDispatch`: enqueue each block, or return the ctx error (blocks already enqueued stay in flight). */
export function* multiDispatch(e: EngineCore, ctx: Context, blks: readonly Blk[]): Proc<GoError | null> {
  for (const h of blks) {
    const r = yield* select([onSend(e.ch, h), onRecv(ctx.done()), onRecv(e.closed)]);
    if (r.index === 1) return ctx.err();
    if (r.index === 2) return ErrBulkerClosed;
    if (h.resource.state === 'acquired') e.pool.mark(h, 'enqueue', 'enqueued');
  }
  return null;
}

/** `multiWaitBulkOp`. */
export function* multiWaitBulkOp(e: EngineCore, ctx: Context, action: number, ops: readonly MultiOp[]): Proc<Result<BulkItem[]>> {
  if (ops.length === 0) return ok([]);
  const frags: string[] = [];
  for (const op of ops) {
    const f = bulkFragment(action, op.index, op.id, op.body);
    if (f instanceof GoError) return fail(f);
    frags.push(f);
  }
  const ch = e.sim.chan<Resp>(ops.length, `${e.name}.multi${e.nextMultiId()}.ch`);
  const owner = `${taskName(e)} m${ACTION_NAMES[action]}`;
  const blks = frags.map((f, i) => {
    const h = e.pool.unpooled(owner);
    e.pool.write(h, 'ch', ch, 'multiWaitBulkOp: write n.ch');
    e.pool.write(h, 'action', action, 'multiWaitBulkOp: write n.action');
    e.pool.write(h, 'idx', i, 'multiWaitBulkOp: write n.idx');
    writeBuf(e.pool, h, f, 'multiWaitBulkOp: write n.buf');
    return h;
  });
  const derr = yield* multiDispatch(e, ctx, blks);
  if (derr !== null) return fail(derr);
  const items: BulkItem[] = ops.map(() => ({ _id: '', status: 0 }));
  let lastErr: GoError | null = null;
  let closedSeen = false;
  for (let i = 0; i < blks.length; ) {
    const r = yield* select([onRecv(ch), onRecv(ctx.done()), onRecv(closedSeen ? null : e.closed)]);
    if (r.index === 1) return fail(ctx.err() as GoError);
    if (r.index === 2) {
      closedSeen = true;
      yield* drainBulkerChannel(e, 'multiWaitBulkOp');
      continue;
    }
    const resp = r.value as Resp;
    if (resp.err !== null) lastErr = resp.err;
    // `if r.data != nil { items[r.idx] = *r.data.(*BulkIndexerResponseItem) }` (opMulti.go l.119–120): a typed
    // nil passes the check and the dereference panics. Hardened also checks the pointer.
    const nilItem = resp.data instanceof TypedNil;
    if (resp.data !== null && resp.data !== undefined && !(nilItem && e.flags.multiSkipNilItem)) items[resp.idx] = deref(resp.data as BulkItem | TypedNil);
    i++;
  }
  if (lastErr !== null) return fail(lastErr);
  return ok(e.hooks.multiResults !== undefined ? e.hooks.multiResults(e, items) : items);
}
