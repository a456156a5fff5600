/**
 * What every pooled public operation shares: `newBlk`, the validation exit (V1), meta
 * validation, and the caller's free after the response (P8; hardened also after errors).
 */
import type { GoError } from '../sim/index.ts';
import { byteLen, type Blk } from './block.ts';
import { taskName, type EngineCore } from './core.ts';
import type { Dispatched } from './dispatch.ts';
import { ErrInvalidBody, ErrNoQuotes } from './errors.ts';
import type { OpOptions } from './op-options.ts';

/** `newBlk(action, opts)`: acquire from the pool and set action, refresh flag and (C) dedupe fields. */
export function newBlk(e: EngineCore, action: number, opts: OpOptions, op: string): Blk {
  const h = e.pool.acquire(`${taskName(e)} ${op}`);
  e.pool.write(h, 'action', action, 'newBlk: write n.action');
  e.pool.write(h, 'refresh', opts.refresh === true, 'newBlk: write n.flags');
  if (e.flags.enrollQueue) {
    e.pool.write(h, 'dedupeKey', opts.dedupeKey ?? '', 'newBlk: write n.dedupeKey');
    e.pool.write(h, 'refreshIndex', opts.refreshIndex ?? '', 'newBlk: write n.refreshIndex');
  }
  return h;
}

/**
 * Writes a block's fragment after `blk.buf.Grow(grow)` (`danger.Buf`: a buffer with less
 * room than `grow` is reallocated to `2*cap + grow`), tracking the capacity the way
 * `append` grows past it (at least double; Go's size classes are not modelled). The write
 * of `n.buf` is a tracked access at `site`; the capacity is a fact for studies, untracked.
 */
export function setBuf(e: EngineCore, h: Blk, text: string, grow: number, site: string): void {
  e.pool.write(h, 'buf', text, site);
  const d = h.resource.data;
  let cap = d.cap < grow ? 2 * d.cap + grow : d.cap;
  const n = byteLen(text);
  if (n > cap) cap = Math.max(n, 2 * cap);
  d.cap = cap;
}

/** `kSlop`: the room `waitBulkAction`, `ReadRaw` and `Search` grow a block's buffer by. */
export const K_SLOP = 64;

/** A validation error after acquire: upstream returns without freeing (V1); hardened frees. */
export function validationExit(e: EngineCore, h: Blk, err: GoError): GoError {
  e.exits?.record(h, 'validation', err);
  if (e.flags.freeOnValidationError) e.pool.release(h, `caller: validation error (${err.message})`);
  else e.sim.note(`validation error ${err.message}: block ${h.resource.id} not freed`);
  return err;
}

/** `validateMeta`: no double quote in index or id. */
export function validateMeta(index: string, id: string): GoError | null {
  return index.includes('"') || id.includes('"') ? ErrNoQuotes : null;
}

/** `validateBody`: the body must be valid JSON. */
export function validateBody(body: string): GoError | null {
  try {
    JSON.parse(body);
    return null;
  } catch {
    return ErrInvalidBody;
  }
}

/**
 * After dispatch returned. Success: the caller frees (all variants). An error the engine
 * answered (flush, item, enroll duplicate): upstream keeps the block (V4–V6), hardened frees.
 * An error dispatch produced itself (abort, limit, closed): dispatch or its drain owns the block.
 */
export function afterDispatch(e: EngineCore, h: Blk, resp: Dispatched): void {
  if (resp.err === null) {
    e.pool.release(h, 'caller: success');
    e.hooks.afterCallerFree?.(e, h);
    return;
  }
  if (!resp.answered) return;
  if (e.flags.freeOnErrorResponse) e.pool.release(h, `caller: after error response (${resp.err.message})`);
  else e.sim.note(`caller returns ${resp.err.message}: block ${h.resource.id} not freed`);
}
