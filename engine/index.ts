/**
 * The engine's public surface: a model of fleet-server's `internal/pkg/bulk` in four variants.
 */
export { apiKeyAuth, type APIKey, type DirectCaller, type SecurityInfo } from './apikey-auth.ts';
export { Action, ACTION_NAMES, blockPoolType, byteLen, type ActionT, type Blk, type BulkT, type Resp } from './block.ts';
export { Bulker, type BulkerConfig, type PoolPolicyFactory, type ReadDoc } from './bulker.ts';
export { ChildBulkers, noRemoteTransport, type ChildEntry, type ChildFactory, type Got, type RemoteOutputConfig, type RemoteTransportFactory } from './child-bulker.ts';
export { remoteClientFactory } from './remote-client.ts';
export type { EngineCore } from './core.ts';
export type { HttpRequest, Transport, TransportResult } from './transport.ts';
export { EsClient, type ClientStats } from './es-client/client.ts';
export { ExponentialBackOff, FLEET_BACKOFF, JITTER_STEPS, type BackoffParams } from './es-client/backoff.ts';
export { ConnLimit, MAX_CONNS_PER_HOST } from './es-client/conn-limit.ts';
export { APPLY_DEFAULT_OPTIONS, GO_ELASTICSEARCH_DEFAULTS_819, NO_RETRY, type RetryPolicy } from './es-client/retry-policy.ts';
export { dispatch, type Dispatched } from './dispatch.ts';
export { drainAndFreeAbortedBlk, startDrain } from './drain.ts';
export {
  ErrBulkerClosed,
  ErrElastic,
  ErrElasticNotFound,
  ErrElasticVersionConflict,
  ErrEnrollDuplicate,
  ErrInvalidBody,
  ErrNoQuotes,
  ErrTooManyBulkDispatches,
  SiteErrors,
  type ElasticCause,
} from './errors.ts';
export { failQueue } from './fail-queue.ts';
export { flushUpdateAPIKey, apiKeyBulkUpdateBody, idsPerBatch } from './flush-apikey.ts';
export { flushBulk } from './flush-bulk.ts';
export { flushEnrollSearch } from './flush-enroll.ts';
export { flushQueue, flushKind } from './flush-queue.ts';
export { flushRead, mgetBody } from './flush-read.ts';
export { flushSearch } from './flush-search.ts';
export { multiDispatch, multiWaitBulkOp, type MultiOp } from './multi.ts';
export { NO_HOOKS, type EngineHooks } from './hooks.ts';
export { NO_OBSERVER, type EngineObserver, type FlushFact, type FlushTrigger } from './observer.ts';
export { MUTANT_HOOKS, MUTANTS, mutantHooks, type Mutant } from './mutants.ts';
export { fail, ok, type OpOptions, type Result } from './op-options.ts';
export { apiKeyUpdateBody, bulkBodyLine, bulkMetaLine, waitBulkAction } from './ops-bulk.ts';
export { mgetFragment } from './ops-read.ts';
export { msearchHeader, type SearchResult } from './ops-search.ts';
export {
  DISPATCH_ABORT_DRAIN_TIMEOUT,
  ENGINE_DEFAULTS,
  FLUSH_CONTEXT_TIMEOUT,
  SERVER_CONFIG_DEFAULTS,
  resolveOptions,
  type BulkOptions,
} from './options.ts';
export { blkToQueueType, copyQueue, newQueues, QUEUE_NAMES, QueueType, type Queue, type QueueTypeT } from './queue.ts';
export { runLoop } from './run-loop.ts';
export { decodeBulkResponse, decodeMgetResponse, decodeMsearchResponse, chooseBulkItem, type BulkItem, type Hits, type MgetDoc, type MsearchItem } from './decode/index.ts';
export { parseError, translateError } from './translate-error.ts';
export { DISTINCT_VARIANTS, flagsKey, VARIANT_NAMES, VARIANTS, type VariantFlags, type VariantName, type VariantSpec } from './variants.ts';
