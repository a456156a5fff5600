/**
 * The fake's strict schemas of what it emits, for its own tests. The engine does not use
 * them: it decodes responses with its own parser (`engine/decode/`).
 */
export * from './error.ts';
export * from './bulk.ts';
export * from './mget.ts';
export * from './search.ts';
export * from './msearch.ts';
export * from './write.ts';
