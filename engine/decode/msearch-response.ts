/**
 * The engine's decoding of an `_msearch` or `_fleet/_fleet_msearch` response, following
 * upstream `internal/pkg/bulk/schema.go` (`MsearchResponse`, `MsearchResponseItem`) as
 * `schema_easyjson.go` decodes them. Kept: `took` (int), `responses`; per response
 * `status` (int), `took` (uint64), `timed_out` (bool), `_shards` (`total`, `successful`,
 * `skipped`, `failed`, uint64), `hits` ({@link readHits}), `aggregations`
 * ({@link readAggregation} per name) and `error` as raw JSON of any kind. Everything else
 * is skipped; any member may be missing or `null`.
 */
import { readAggregation, type Aggregation } from './aggregation.ts';
import { readMap, readRaw, readSlice, readStruct, unmarshal, type Unmarshalled } from './easyjson.ts';
import { emptyHits, readHits, type Hits } from './hits.ts';
import type { Lexer } from './lexer.ts';

/** `MsearchResponseItem._shards`. */
export interface Shards {
  total: number;
  successful: number;
  skipped: number;
  failed: number;
}

/** `MsearchResponseItem`: one search's result as the engine keeps it. */
export interface MsearchItem {
  /** `status`; 0 when missing. */
  status: number;
  took: number;
  timed_out: boolean;
  _shards: Shards;
  hits: Hits;
  /** `aggregations`; undefined when missing, null or empty. */
  aggregations?: Record<string, Aggregation> | undefined;
  /** `error` as its raw JSON text; undefined when missing or null. */
  error?: string | undefined;
}

/** `MsearchResponse`. */
export interface MsearchResponse {
  /** `took`; 0 when missing. */
  readonly took: number;
  /** `responses`; empty when missing. */
  readonly responses: readonly MsearchItem[];
}

function readShards(l: Lexer, s: Shards): void {
  readStruct(l, (l, key) => {
    if (key !== 'total' && key !== 'successful' && key !== 'skipped' && key !== 'failed') return false;
    s[key] = l.uint64();
    return true;
  });
}

function readItem(l: Lexer): MsearchItem {
  const item: MsearchItem = { status: 0, took: 0, timed_out: false, _shards: { total: 0, successful: 0, skipped: 0, failed: 0 }, hits: emptyHits() };
  readStruct(l, (l, key) => {
    if (key === 'status') item.status = l.int64();
    else if (key === 'took') item.took = l.uint64();
    else if (key === 'timed_out') item.timed_out = l.bool();
    else if (key === '_shards') readShards(l, item._shards);
    else if (key === 'hits') readHits(l, item.hits);
    else if (key === 'aggregations') item.aggregations = readMap(l, readAggregation, true);
    else if (key === 'error') item.error = readRaw(l);
    else return false;
    return true;
  });
  if (item.aggregations === undefined) delete item.aggregations;
  if (item.error === undefined) delete item.error;
  return item;
}

/** `easyjson.Unmarshal` of an msearch response body. */
export function decodeMsearchResponse(body: string): Unmarshalled<MsearchResponse> {
  return unmarshal(body, (l) => {
    let took = 0;
    let responses: MsearchItem[] = [];
    readStruct(l, (l, key) => {
      if (key === 'responses') responses = readSlice(l, readItem);
      else if (key === 'took') took = l.int64();
      else return false;
      return true;
    });
    return { took, responses };
  });
}
