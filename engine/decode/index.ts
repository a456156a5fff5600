/**
 * The engine's own decoding of Elasticsearch responses: a port of the easyjson lexer
 * upstream's generated decoders run on, and one decoder per upstream struct
 * (`internal/pkg/bulk/schema.go`, `internal/pkg/es/result.go`). As tolerant as upstream:
 * missing members stay zero, unknown ones are skipped, an item's `error` is kept as raw
 * JSON whatever it is; a value of the wrong type fails with upstream's message.
 */
export type { Aggregation } from './aggregation.ts';
export type { Bucket } from './bucket.ts';
export { chooseBulkItem, decodeBulkResponse, type BulkItem, type BulkResponse, type BulkStubItem } from './bulk-response.ts';
export type { Unmarshalled } from './easyjson.ts';
export type { Hit, Hits } from './hits.ts';
export { EOF, LexerError } from './lexer-error.ts';
export { decodeMgetResponse, type MgetDoc, type MgetResponse } from './mget-response.ts';
export { decodeMsearchResponse, type MsearchItem, type MsearchResponse, type Shards } from './msearch-response.ts';
