/**
 * The engine's decoding of an aggregation result, following upstream
 * `internal/pkg/es/result.go` `Aggregation` as `internal/pkg/bulk/schema_easyjson.go`
 * decodes it. Kept: `value` (float64), `doc_count_error_upper_bound` and
 * `sum_other_doc_count` (int64), `buckets` (each decoded by {@link decodeBucket}, whose
 * error fails the whole response). Everything else is skipped.
 */
import { readSlice, readStruct } from './easyjson.ts';
import { decodeBucket, type Bucket } from './bucket.ts';
import type { Lexer } from './lexer.ts';

/** `es.Aggregation`. */
export interface Aggregation {
  value: number;
  doc_count_error_upper_bound: number;
  sum_other_doc_count: number;
  /** `buckets`; undefined when missing or null. */
  buckets?: Bucket[] | undefined;
}

const EMPTY_BUCKET: Bucket = { key: '', doc_count: 0, aggregations: {} };

function readBucket(l: Lexer): Bucket {
  const raw = l.raw();
  if (raw === null) return EMPTY_BUCKET;
  const b = decodeBucket(raw);
  if (b.err !== null) {
    l.addError(b.err);
    return EMPTY_BUCKET;
  }
  return b.value;
}

/** Reads one aggregation. */
export function readAggregation(l: Lexer): Aggregation {
  const a: Aggregation = { value: 0, doc_count_error_upper_bound: 0, sum_other_doc_count: 0 };
  readStruct(l, (l, key) => {
    if (key === 'value') a.value = l.float64();
    else if (key === 'doc_count_error_upper_bound') a.doc_count_error_upper_bound = l.int64();
    else if (key === 'sum_other_doc_count') a.sum_other_doc_count = l.int64();
    else if (key === 'buckets') a.buckets = readSlice(l, readBucket);
    else return false;
    return true;
  });
  return a;
}
