export { FakeElasticsearch, type FakeElasticsearchOptions } from './fake.ts';
export type { EsMethod, EsRequest, EsResponse } from './types.ts';
export type { ItemFaultKind, HandlerHooks } from './api/context.ts';
