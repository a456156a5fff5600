/**
 * `Search` (spec §5.1, §3.5): the msearch header and query lines; fleet search when
 * checkpoints are given; (C) the enroll queue when a dedupe key is given.
 */
import { GoError, type Context, type Proc } from '../sim/index.ts';
import { Action, byteLen } from './block.ts';
import type { EngineCore } from './core.ts';
import { dispatch } from './dispatch.ts';
import { fail, ok, type OpOptions, type Result } from './op-options.ts';
import { afterDispatch, K_SLOP, newBlk, setBuf, validateBody, validationExit } from './ops-common.ts';
import type { Aggregation, Hits, MsearchItem } from './decode/index.ts';

/** What Search returns (`es.ResultT`: the item's `HitsT` and its aggregations). */
export interface SearchResult {
  readonly hits: Hits;
  readonly aggregations: Readonly<Record<string, Aggregation>> | undefined;
}

/** The msearch header line (spec §3.5 template). */
export function msearchHeader(index: string, opts: OpOptions = {}): string {
  let s = '{';
  let any = false;
  const more = opts.indices ?? [];
  if (more.length > 0) {
    s += `"index": ${JSON.stringify([index, ...more])}`;
    any = true;
  } else if (index !== '') {
    s += `"index": "${index}"`;
    any = true;
  }
  if (opts.ignoreUnavailable === true) {
    s += `${any ? ',' : ''}"ignore_unavailable": true`;
    any = true;
  }
  const cps = opts.waitForCheckpoints ?? [];
  if (cps.length > 0) {
    s += `${any ? ',' : ''} "wait_for_checkpoints": [${cps.join(',')}]`;
  }
  return `${s}}\n`;
}

/** `Search`. */
export function* search(e: EngineCore, ctx: Context, index: string, body: string | null | undefined, opts: OpOptions = {}): Proc<Result<SearchResult>> {
  const action = (opts.waitForCheckpoints?.length ?? 0) > 0 ? Action.fleetSearch : Action.search;
  const h = newBlk(e, action, opts, action === Action.fleetSearch ? 'fleet_search' : 'search');
  const b = body ?? '';
  setBuf(e, h, `${msearchHeader(index, opts)}${b}\n`, byteLen(b) + K_SLOP, 'Search: write n.buf');
  const err = validateBody(b);
  if (err !== null) return fail(validationExit(e, h, err));
  const resp = yield* dispatch(e, ctx, h);
  afterDispatch(e, h, resp);
  if (resp.err !== null) return fail(resp.err);
  const item = resp.data as MsearchItem | null;
  if (item === null || typeof item !== 'object') return fail(new GoError('unable to cast response as type *MsearchResponseItem, detected type: <nil>'));
  return ok({ hits: item.hits, aggregations: item.aggregations });
}
