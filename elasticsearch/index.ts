/**
 * The fake Elasticsearch's public surface: the store, its request and response types, and
 * the item-fault hooks. The simulated network adapter is `transport.ts`; the tools are
 * `conformance/` (YAML REST test runner) and `http/` (an HTTP server for real clients).
 */
export { FakeElasticsearch, type FakeElasticsearchOptions } from './fake.ts';
export type { EsMethod, EsRequest, EsResponse } from './types.ts';
export type { ItemFaultKind, HandlerHooks } from './api/context.ts';
