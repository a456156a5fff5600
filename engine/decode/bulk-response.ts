/**
 * The engine's decoding of a `_bulk` response, following upstream `internal/pkg/bulk/schema.go`
 * (`bulkIndexerResponse`, `bulkStubItem`, `BulkIndexerResponseItem`) as decoded by
 * `schema_easyjson.go`. Kept: `took` (int), `errors` (bool), `items`; per item the first of
 * `update`, `create`, `index`, `delete` present (`Choose`), and of it `_id` (string),
 * `status` (int) and `error` as raw JSON of any kind. Everything else (`_index`,
 * `_version`, `result`, `_shards`, `_seq_no`, unknown members) is skipped unread; any
 * member may be missing or `null`.
 */
import { readRaw, readSlice, readStruct, unmarshal, type Unmarshalled } from './easyjson.ts';
import type { Lexer } from './lexer.ts';

/** `BulkIndexerResponseItem`: one bulk item as the engine keeps it. */
export interface BulkItem {
  /** `_id`; '' when missing. */
  readonly _id: string;
  /** `status`; 0 when missing. */
  readonly status: number;
  /** `error` as its raw JSON text (object, string, anything); undefined when missing or null. */
  readonly error?: string | undefined;
}

/** `bulkStubItem`: the four op keys an item may carry. */
export interface BulkStubItem {
  readonly index?: BulkItem | undefined;
  readonly delete?: BulkItem | undefined;
  readonly create?: BulkItem | undefined;
  readonly update?: BulkItem | undefined;
}

/** `bulkIndexerResponse`. */
export interface BulkResponse {
  /** `took`; 0 when missing. */
  readonly took: number;
  /** `errors`; false when missing. */
  readonly errors: boolean;
  /** `items`; empty when missing. */
  readonly items: readonly BulkStubItem[];
}

/** Reads one item; a repeated op key decodes into the item already read, as Go does. */
function readItem(l: Lexer, prev: BulkItem | undefined): BulkItem {
  let id = prev?._id ?? '';
  let status = prev?.status ?? 0;
  let error = prev?.error;
  readStruct(l, (l, key) => {
    if (key === '_id') id = l.string();
    else if (key === 'status') status = l.int64();
    else if (key === 'error') error = readRaw(l);
    else return false;
    return true;
  });
  return error === undefined ? { _id: id, status } : { _id: id, status, error };
}

function readStub(l: Lexer): BulkStubItem {
  const stub: { -readonly [K in keyof BulkStubItem]: BulkItem } = {};
  readStruct(l, (l, key) => {
    if (key !== 'index' && key !== 'delete' && key !== 'create' && key !== 'update') return false;
    stub[key] = readItem(l, stub[key]);
    return true;
  });
  return stub;
}

/** `easyjson.Unmarshal` of a `_bulk` response body. */
export function decodeBulkResponse(body: string): Unmarshalled<BulkResponse> {
  return unmarshal(body, (l) => {
    let took = 0;
    let errors = false;
    let items: BulkStubItem[] = [];
    readStruct(l, (l, key) => {
      if (key === 'took') took = l.int64();
      else if (key === 'errors') errors = l.bool();
      else if (key === 'items') items = readSlice(l, readStub);
      else return false;
      return true;
    });
    return { took, errors, items };
  });
}

/** `bulkStubItem.Choose()`: the item under `update`, `create`, `index` or `delete` (that priority), or null. */
export function chooseBulkItem(item: BulkStubItem): BulkItem | null {
  return item.update ?? item.create ?? item.index ?? item.delete ?? null;
}
