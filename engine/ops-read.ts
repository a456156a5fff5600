/**
 * `ReadRaw` / `Read` (spec §5.1): one mget fragment per block.
 */
import { GoError, type Context, type Proc } from '../sim/index.ts';
import { Action } from './block.ts';
import type { EngineCore } from './core.ts';
import { dispatch } from './dispatch.ts';
import { fail, ok, type OpOptions, type Result } from './op-options.ts';
import { afterDispatch, K_SLOP, newBlk, setBuf, validateMeta, validationExit } from './ops-common.ts';
import type { MgetDoc } from './decode/index.ts';

/** The mget fragment `{"_index":"<index>","_id":"<id>"},` (trailing comma, no newline). */
export function mgetFragment(index: string, id: string): string {
  return `{"_index":"${index}","_id":"${id}"},`;
}

/** `ReadRaw`: the mget doc. */
export function* readRaw(e: EngineCore, ctx: Context, index: string, id: string, opts: OpOptions = {}): Proc<Result<MgetDoc>> {
  const h = newBlk(e, Action.read, opts, 'read');
  const err = validateMeta(index, id);
  if (err !== null) return fail(validationExit(e, h, err));
  setBuf(e, h, mgetFragment(index, id), K_SLOP, 'readRaw: write n.buf');
  const resp = yield* dispatch(e, ctx, h);
  afterDispatch(e, h, resp);
  if (resp.err !== null) return fail(resp.err);
  const doc = resp.data as MgetDoc | null;
  if (doc === null || typeof doc !== 'object') return fail(new GoError('unable to cast response to *MgetResponseItem, detected type: <nil>'));
  return ok(doc);
}
