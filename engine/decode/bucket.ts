/**
 * The engine's decoding of one aggregation bucket, following upstream
 * `internal/pkg/es/result.go` `Bucket.UnmarshalJSON` (the one decode under `_msearch` that
 * uses `encoding/json`, not easyjson): first `key` (string) and `doc_count` (int64) into
 * `_bucket`; then the whole bucket into a `map[string]any`; then every other member that
 * is an object with a `hits` member becomes a sub-aggregation: that `hits` value is
 * marshalled again and decoded into `HitsT`. Whichever step fails first gives the error.
 *
 * One difference from Go, not reachable from Elasticsearch's output: when several
 * sub-aggregations fail, upstream reports one picked by Go's random map order; the model
 * reports the first in document order.
 */
import { GoError } from '../../sim/index.ts';
import { unmarshalAnyMap, unmarshalGo, type GoType } from './go-json.ts';
import type { Hits } from './hits.ts';
import { scalarSyntaxError } from './go-syntax.ts';
import { marshalledTree, parseTree, type JsonTree } from './json-tree.ts';

/** `es.Bucket`. */
export interface Bucket {
  /** `key`; '' when missing. */
  key: string;
  /** `doc_count`; 0 when missing. */
  doc_count: number;
  /** Sub-aggregations that carry hits (`top_hits`), by name. */
  aggregations: Record<string, Hits>;
}

const FLOAT_POINTER: GoType = { kind: 'pointer', elem: { kind: 'float64' } };

const BUCKET_FIELDS: GoType = { kind: 'struct', name: '_bucket', printed: 'es._bucket', fields: { key: { kind: 'string' }, doc_count: { kind: 'int64' } } };

const HIT: GoType = {
  kind: 'struct',
  name: 'HitT',
  printed: 'es.HitT',
  fields: {
    _id: { kind: 'string' },
    _seq_no: { kind: 'int64' },
    version: { kind: 'int64' },
    _index: { kind: 'string' },
    _source: { kind: 'raw' },
    _score: FLOAT_POINTER,
    fields: { kind: 'map' },
  },
};

/** `es.HitsT` as encoding/json sees it (the `total` struct is anonymous: its `Name()` is ''). */
const HITS: GoType = {
  kind: 'struct',
  name: 'HitsT',
  printed: 'es.HitsT',
  fields: {
    hits: { kind: 'slice', elem: HIT },
    total: { kind: 'struct', name: '', printed: 'struct { Relation string "json:\\"relation\\""; Value uint64 "json:\\"value\\"" }', fields: { relation: { kind: 'string' }, value: { kind: 'uint64' } } },
    max_score: FLOAT_POINTER,
  },
};

/** `Bucket.UnmarshalJSON(raw)`. */
export function decodeBucket(raw: string): { value: Bucket; err: null } | { value?: undefined; err: GoError } {
  const syntax = scalarSyntaxError(raw);
  if (syntax !== null) return { err: new GoError(syntax) };
  let tree: JsonTree;
  try {
    tree = parseTree(raw);
  } catch {
    // Unreachable: easyjson validated arrays and objects, and scalars were checked above.
    return { err: new GoError(`invalid JSON in aggregation bucket: ${raw}`) };
  }
  const head = unmarshalGo(tree, BUCKET_FIELDS);
  if (head.err !== null) return { err: head.err };
  const all = unmarshalAnyMap(tree);
  if (all.err !== null) return { err: all.err };
  const { key, doc_count } = head.value as { key: string; doc_count: number };
  const aggregations: Record<string, Hits> = {};
  for (const [name, v] of Object.entries(all.value ?? {})) {
    if (name === 'key' || name === 'doc_count') continue;
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, 'hits')) continue;
    const hits = unmarshalGo(marshalledTree((v as Record<string, unknown>)['hits']), HITS);
    if (hits.err !== null) return { err: hits.err };
    Object.defineProperty(aggregations, name, { value: hits.value as Hits, enumerable: true, writable: true, configurable: true });
  }
  return { value: { key, doc_count, aggregations }, err: null };
}
