/**
 * Create, Index, Update, Delete and APIKeyUpdate share `waitBulkAction` (spec §5.1): the
 * meta line and body line, dispatch, the free, and the item's error translation.
 */
import { GoError, type Context, type Proc } from '../sim/index.ts';
import { Action, ACTION_NAMES, byteLen } from './block.ts';
import type { EngineCore } from './core.ts';
import { dispatch } from './dispatch.ts';
import { fail, ok, type OpOptions, type Result } from './op-options.ts';
import { afterDispatch, K_SLOP, newBlk, setBuf, validateBody, validateMeta, validationExit } from './ops-common.ts';
import type { BulkItem } from './decode/index.ts';
import { goCompact, goQuote } from './decode/go-encode.ts';
import { goSyntaxError } from './decode/go-scanner.ts';
import { mapPick } from './go-map.ts';
import { translateError } from './translate-error.ts';
import { deref, type TypedNil } from './typed-nil.ts';

/** The bulk meta line: `{"<action>":{"_id":"<id>","retry_on_conflict":<n>,"_index":"<index>"}}\n`. */
export function bulkMetaLine(action: string, index: string, id: string, retry?: number): string {
  let s = `{"${action}":{`;
  if (id !== '') s += `"_id":"${id}",`;
  if (retry !== undefined) s += `"retry_on_conflict":${retry},`;
  return `${s}"_index":"${index}"}}\n`;
}

/** The bulk body line: the body and a newline; `{}` for an empty body; nothing for delete. */
export function bulkBodyLine(action: number, body: string | null | undefined): string | GoError {
  if (body === null || body === undefined || body === '') return action === Action.delete ? '' : '{}\n';
  const err = validateBody(body);
  return err ?? `${body}\n`;
}

/** Writes meta and body for one operation; the fragment or the validation error. */
export function bulkFragment(action: number, index: string, id: string, body: string | null | undefined, retry?: number): string | GoError {
  const err = validateMeta(index, id);
  if (err !== null) return err;
  const meta = bulkMetaLine(ACTION_NAMES[action] as string, index, id, retry);
  const line = bulkBodyLine(action, body);
  return line instanceof GoError ? line : meta + line;
}

/** `waitBulkAction`. */
export function* waitBulkAction(
  e: EngineCore,
  ctx: Context,
  action: number,
  index: string,
  id: string,
  body: string | null | undefined,
  callerOpts: OpOptions = {},
): Proc<Result<BulkItem>> {
  const opts = e.hooks.callOptions !== undefined ? e.hooks.callOptions(e, callerOpts) : callerOpts;
  const h = newBlk(e, action, opts, ACTION_NAMES[action] as string);
  const frag = bulkFragment(action, index, id, body, opts.retryOnConflict);
  if (frag instanceof GoError) return fail(validationExit(e, h, frag));
  setBuf(e, h, frag, byteLen(body ?? '') + K_SLOP, 'waitBulkAction: write n.buf');
  const resp = yield* dispatch(e, ctx, h);
  afterDispatch(e, h, resp);
  if (resp.err !== null) return fail(resp.err);
  const data = resp.data as BulkItem | TypedNil | null;
  if (data === null || typeof data !== 'object') return fail(new GoError('unable to cast to *BulkIndexerResponseItem, detected type <nil>'));
  const item = deref(data);
  const err = translateError(item.status, item.error, mapPick(e.sim, 'errorTranslationMap'));
  return err === null ? ok(item) : fail(err);
}

/**
 * `APIKeyUpdate(ctx, id, roleHash, roles)` (`opApiKey.go`): `json.Marshal` of the request
 * (fails before acquire on invalid roles, with Go's text), then waitBulkAction.
 */
export function* apiKeyUpdate(e: EngineCore, ctx: Context, id: string, roleHash: string, roles: string): Proc<Result<void>> {
  if (roles !== '') {
    const bad = goSyntaxError(roles);
    if (bad !== null) return fail(new GoError(`json: error calling MarshalJSON for type json.RawMessage: ${bad}`));
  }
  const body = apiKeyUpdateBody(id, roles, roleHash);
  const r = yield* waitBulkAction(e, ctx, Action.updateApiKey, '', id, body);
  return r.err === null ? ok(undefined) : fail(r.err);
}

/** The API-key update body line: `json.Marshal(apiKeyUpdateRequest)`, empty fields omitted, roles compacted. */
export function apiKeyUpdateBody(id: string, roles: string, roleHash: string): string {
  const parts: string[] = [];
  if (id !== '') parts.push(`"id":${goQuote(id)}`);
  if (roles !== '') parts.push(`"role_descriptors":${goCompact(roles)}`);
  if (roleHash !== '') parts.push(`"role_hash":${goQuote(roleHash)}`);
  return `{${parts.join(',')}}`;
}
