/**
 * The engine's decoding of an `_mget` response, following what upstream runs: the
 * generated decoder for `MgetResponseItem` in `internal/pkg/bulk/schema_easyjson.go` at
 * dc8e230 (l.1030–1064) reads only `found` (bool) and `_source` (raw JSON). The struct in
 * `schema.go` also declares `_id`, `_version` and `_seq_no` (added in #3611), but the
 * generated file was never regenerated, so upstream skips those members and leaves
 * `DocumentID` '', `Version` and `SeqNo` 0; the model does the same. Every other member
 * (`_index`, `_primary_term`, `error`, unknown ones) is skipped unread; any member may be
 * missing or `null`, so a doc that failed (an `error`, no `found`) reads as not found.
 */
import { readRaw, readSlice, readStruct, unmarshal, type Unmarshalled } from './easyjson.ts';
import type { Lexer } from './lexer.ts';

/** `MgetResponseItem`: one doc as the engine keeps it. */
export interface MgetDoc {
  /** `DocumentID` (`_id`): always '' (the generated decoder does not read it). */
  readonly _id: string;
  /** `Version` (`_version`): always 0 (not read). */
  readonly _version: number;
  /** `SeqNo` (`_seq_no`): always 0 (not read). */
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
  let found = false;
  let source: string | undefined;
  readStruct(l, (l, key) => {
    if (key === 'found') found = l.bool();
    else if (key === '_source') source = readRaw(l);
    else return false;
    return true;
  });
  const doc = { _id: '', _version: 0, _seq_no: 0, found };
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
