/**
 * The engine's decoding of search hits, following upstream `internal/pkg/es/result.go`
 * (`HitsT`, `HitT`) as `internal/pkg/bulk/schema_easyjson.go` decodes them. Kept: `hits`,
 * `total` (`relation` string, `value` uint64, object form only), `max_score` (float64 or
 * null); per hit `_id`, `_index` (strings), `_seq_no`, `version` (int64; note: `version`,
 * not `_version`), `_source` as raw JSON, `_score` (float64 or null) and `fields` (any
 * JSON values). Everything else (`sort`, `_primary_term`, unknown members) is skipped.
 */
import { readMap, readRaw, readSlice, readStruct } from './easyjson.ts';
import type { Lexer } from './lexer.ts';

/** `HitT`: one search hit. */
export interface Hit {
  _id: string;
  _seq_no: number;
  /** `version` (only present when the search asked for versions). */
  version: number;
  _index: string;
  /** `_source` as its raw JSON text; undefined when missing or null. */
  _source?: string | undefined;
  /** `_score`; null when missing or null. */
  _score: number | null;
  /** `fields`, each value as Go's `interface{}` holds it; undefined when missing or null. */
  fields?: Record<string, unknown> | undefined;
}

/** `HitsT`: the `hits` section of a search response. */
export interface Hits {
  /** `hits.hits`; empty when missing. */
  hits: Hit[];
  /** `hits.total`; zero values when missing. */
  total: { relation: string; value: number };
  /** `hits.max_score`; null when missing or null. */
  max_score: number | null;
}

/** A `HitsT` with every member at its zero value. */
export function emptyHits(): Hits {
  return { hits: [], total: { relation: '', value: 0 }, max_score: null };
}

function readHit(l: Lexer): Hit {
  const h: Hit = { _id: '', _seq_no: 0, version: 0, _index: '', _score: null };
  readStruct(l, (l, key) => {
    if (key === '_id') h._id = l.string();
    else if (key === '_seq_no') h._seq_no = l.int64();
    else if (key === 'version') h.version = l.int64();
    else if (key === '_index') h._index = l.string();
    else if (key === '_source') h._source = readRaw(l);
    else if (key === '_score') h._score = l.float64();
    else if (key === 'fields') h.fields = readMap(l, (l) => l.any(), false);
    else return false;
    return true;
  });
  return h;
}

/** Reads a `HitsT` into `into` (a repeated member decodes into what is already there, as in Go). */
export function readHits(l: Lexer, into: Hits): void {
  readStruct(l, (l, key) => {
    if (key === 'hits') into.hits = readSlice(l, readHit);
    else if (key === 'total')
      readStruct(l, (l, k) => {
        if (k === 'relation') into.total.relation = l.string();
        else if (k === 'value') into.total.value = l.uint64();
        else return false;
        return true;
      });
    else if (key === 'max_score') into.max_score = l.float64();
    else return false;
    return true;
  });
}
