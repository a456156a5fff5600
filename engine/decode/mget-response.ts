/**
 * The engine's decoding of an `_mget` response, following upstream
 * `internal/pkg/bulk/schema.go` (`MgetResponse`, `MgetResponseItem`). Kept per doc: `_id`
 * (string), `_version` and `_seq_no` (int64), `found` (bool) and `_source` as raw JSON.
 * Everything else (`_index`, `_primary_term`, `error`, unknown members) is skipped unread;
 * any member may be missing or `null`, so a doc that failed (an `error`, no `found`) reads
 * as not found.
 *
 * Upstream's generated `schema_easyjson.go` at dc8e230 predates the `_id`, `_version` and
 * `_seq_no` fields (added to the struct in #3611 without regenerating), so upstream really
 * decodes only `found` and `_source` and leaves the other three zero. The model decodes the
 * struct as declared; the difference is listed as a known divergence, not modelled.
 */
import { readRaw, readSlice, readStruct, unmarshal, type Unmarshalled } from './easyjson.ts';
import type { Lexer } from './lexer.ts';

/** `MgetResponseItem`: one doc as the engine keeps it. */
export interface MgetDoc {
  /** `_id`; '' when missing. */
  readonly _id: string;
  /** `_version`; 0 when missing. */
  readonly _version: number;
  /** `_seq_no`; 0 when missing. */
  readonly _seq_no: number;
  /** `found`; false when missing. */
  readonly found: boolean;
  /** `_source` as its raw JSON text; undefined when missing or null. */
  readonly _source?: string | undefined;
}

/** `MgetResponse`. */
export interface MgetResponse {
  /** `docs`; empty when missing. */
  readonly docs: readonly MgetDoc[];
}

function readDoc(l: Lexer): MgetDoc {
  let id = '';
  let version = 0;
  let seqNo = 0;
  let found = false;
  let source: string | undefined;
  readStruct(l, (l, key) => {
    if (key === '_id') id = l.string();
    else if (key === '_version') version = l.int64();
    else if (key === '_seq_no') seqNo = l.int64();
    else if (key === 'found') found = l.bool();
    else if (key === '_source') source = readRaw(l);
    else return false;
    return true;
  });
  const doc = { _id: id, _version: version, _seq_no: seqNo, found };
  return source === undefined ? doc : { ...doc, _source: source };
}

/** `easyjson.Unmarshal` of an `_mget` response body. */
export function decodeMgetResponse(body: string): Unmarshalled<MgetResponse> {
  return unmarshal(body, (l) => {
    let docs: MgetDoc[] = [];
    readStruct(l, (l, key) => {
      if (key !== 'docs') return false;
      docs = readSlice(l, readDoc);
      return true;
    });
    return { docs };
  });
}
