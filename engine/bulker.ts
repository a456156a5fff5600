/**
 * The Bulker: the public face of the engine model. Holds the pool, the bulker channel and
 * the variant's switches; `run` is the Run loop; the operations are the public API.
 */
import { AtomicInt, TrackedPool, Weighted, type Chan, type Context, type GoError, type PoolPolicy, type Proc, type Sim } from '../sim/index.ts';
import type { Transport } from './transport.ts';
import { apiKeyAuth, type APIKey, type SecurityInfo } from './apikey-auth.ts';
import { Action, blockPoolType, type Blk, type BulkT } from './block.ts';
import { ChildBulkers, noRemoteTransport, type RemoteOutputConfig, type RemoteTransportFactory } from './child-bulker.ts';
import type { EngineCore } from './core.ts';
import { ExitLog } from './exit-log.ts';
import { multiWaitBulkOp, type MultiOp } from './multi.ts';
import { NO_HOOKS, type EngineHooks } from './hooks.ts';
import { NO_OBSERVER, type EngineObserver } from './observer.ts';
import { fail, ok, type OpOptions, type Result } from './op-options.ts';
import { apiKeyUpdate, waitBulkAction } from './ops-bulk.ts';
import { readRaw } from './ops-read.ts';
import { search, type SearchResult } from './ops-search.ts';
import { ENGINE_DEFAULTS, resolveOptions, type BulkOptions } from './options.ts';
import { runLoop } from './run-loop.ts';
import type { BulkItem, MgetDoc } from './decode/index.ts';
import { VARIANTS, type VariantFlags, type VariantName } from './variants.ts';

/** What Read and ReadRaw return: the mget doc (`_id`, `_version`, `_seq_no`, `found`, `_source` as raw JSON). */
export type ReadDoc = MgetDoc;

/** Bulker construction. */
export interface BulkerConfig {
  readonly variant: VariantName;
  /** Overrides over {@link ENGINE_DEFAULTS} (pass `{...SERVER_CONFIG_DEFAULTS}` for the server's). */
  readonly options?: Partial<BulkOptions>;
  /** Name used for tasks, channels and the pool (default `bulker`). */
  readonly name?: string;
  /** Deliberately broken behaviour, for checker tests only. */
  readonly hooks?: EngineHooks;
  /** Receives the engine's typed facts (which trigger made each flush); records only. */
  readonly observer?: EngineObserver;
  /** Builds remote outputs' ES clients for child bulkers (default: none configured). */
  readonly remoteTransport?: RemoteTransportFactory;
  /** The `sync.Pool` model of `blkPool` (default: the tracked pool's LIFO stack); child bulkers get their own. */
  readonly poolPolicy?: PoolPolicyFactory;
}

/** Makes the storage policy of one bulker's block pool. */
export type PoolPolicyFactory = (sim: Sim) => PoolPolicy<BulkT>;

/** The bulk engine. */
export class Bulker implements EngineCore {
  readonly variant: VariantName;
  readonly flags: VariantFlags;
  readonly hooks: EngineHooks;
  readonly observer: EngineObserver;
  readonly opts: BulkOptions;
  readonly name: string;
  readonly pool: TrackedPool<BulkT>;
  readonly ch: Chan<Blk>;
  readonly pendingDispatches: AtomicInt;
  readonly closed: Chan<never> | null;
  /** `apikeyLimit`: bounds the direct API-key calls (size `apikeyMaxParallel`). */
  readonly apikeyLimit: Weighted;
  /** How each call left the engine with its block (read by the checkers). */
  readonly exits = new ExitLog();
  /** Remote-output child bulkers (`bulkerMap`), cancelled when Run exits. */
  readonly children: ChildBulkers;
  private flushes = 0;
  private multis = 0;

  constructor(
    readonly sim: Sim,
    readonly transport: Transport,
    cfg: BulkerConfig,
  ) {
    this.variant = cfg.variant;
    this.flags = VARIANTS[cfg.variant];
    this.hooks = cfg.hooks ?? NO_HOOKS;
    this.observer = cfg.observer ?? NO_OBSERVER;
    this.opts = resolveOptions(ENGINE_DEFAULTS, cfg.options);
    this.name = cfg.name ?? 'bulker';
    this.pool = new TrackedPool<BulkT>(sim, blockPoolType(sim), `${this.name}.pool`, cfg.poolPolicy?.(sim));
    this.ch = sim.chan<Blk>(this.opts.blockQueueSz, `${this.name}.ch`);
    this.pendingDispatches = new AtomicInt(0, `${this.name}.pendingBulkDispatches`);
    this.closed = this.flags.closedSignal ? sim.signal(`${this.name}.closed`) : null;
    this.apikeyLimit = new Weighted(sim, this.opts.apikeyMaxParallel, `${this.name}.apikeyLimit`);
    const make = (t: Transport, name: string): Bulker => new Bulker(sim, t, { variant: this.variant, name, hooks: this.hooks, ...(cfg.poolPolicy !== undefined && { poolPolicy: cfg.poolPolicy }) });
    this.children = new ChildBulkers(sim, this.name, this.flags, make, cfg.remoteTransport ?? noRemoteTransport);
  }

  /** @internal */
  nextFlushId(): number {
    return ++this.flushes;
  }

  /** @internal */
  nextMultiId(): number {
    return ++this.multis;
  }

  /** The Run loop; spawn it as task `bulker.run`. Returns the error that ended it, after cancelling the child bulkers. */
  *run(ctx: Context): Proc<GoError | null> {
    const err = yield* runLoop(this, ctx);
    yield* this.children.cancelAll();
    return err;
  }

  /** `CreateAndGetBulker(ctx, zlog, outputName, outputMap)`: the remote output's child bulker and whether its config changed. */
  createAndGetBulker(outputName: string, outputMap: Readonly<Record<string, RemoteOutputConfig>>): Proc<Result<{ bulker: Bulker; changed: boolean }>> {
    return this.children.createAndGet(outputName, outputMap);
  }

  /** This bulker's pool and those of every child it ever made (orphans included), depth first. */
  allPools(): TrackedPool<BulkT>[] {
    return [this.pool, ...this.children.all.flatMap((c) => c.bulker.allPools())];
  }

  /** `APIKeyAuth`: a direct call bounded by `apikeyLimit`, acquired with the caller's ctx. */
  apiKeyAuth(ctx: Context, key: APIKey): Proc<Result<SecurityInfo>> {
    return apiKeyAuth(this, ctx, key);
  }

  /** `Create`: the document id. */
  *create(ctx: Context, index: string, id: string, body: string | null, opts?: OpOptions): Proc<Result<string>> {
    const r = yield* waitBulkAction(this, ctx, Action.create, index, id, body, opts);
    return r.err === null ? ok(r.value._id) : fail(r.err);
  }

  /** `Index`: the document id. */
  *index(ctx: Context, index: string, id: string, body: string | null, opts?: OpOptions): Proc<Result<string>> {
    const r = yield* waitBulkAction(this, ctx, Action.index, index, id, body, opts);
    return r.err === null ? ok(r.value._id) : fail(r.err);
  }

  /** `Update`. */
  *update(ctx: Context, index: string, id: string, body: string | null, opts?: OpOptions): Proc<Result<void>> {
    const r = yield* waitBulkAction(this, ctx, Action.update, index, id, body, opts);
    return r.err === null ? ok(undefined) : fail(r.err);
  }

  /** `Delete`. */
  *delete(ctx: Context, index: string, id: string, opts?: OpOptions): Proc<Result<void>> {
    const r = yield* waitBulkAction(this, ctx, Action.delete, index, id, null, opts);
    return r.err === null ? ok(undefined) : fail(r.err);
  }

  /** `Read` (upstream returns the `_source`; the model returns the whole doc). */
  read(ctx: Context, index: string, id: string, opts?: OpOptions): Proc<Result<ReadDoc>> {
    return readRaw(this, ctx, index, id, opts);
  }

  /** `ReadRaw`. */
  readRaw(ctx: Context, index: string, id: string, opts?: OpOptions): Proc<Result<MgetDoc>> {
    return readRaw(this, ctx, index, id, opts);
  }

  /** `Search`. */
  search(ctx: Context, index: string, body: string | null, opts?: OpOptions): Proc<Result<SearchResult>> {
    return search(this, ctx, index, body, opts);
  }

  /** `APIKeyUpdate`. `roles` is raw JSON. */
  apiKeyUpdate(ctx: Context, id: string, roleHash: string, roles: string): Proc<Result<void>> {
    return apiKeyUpdate(this, ctx, id, roleHash, roles);
  }

  /** `MCreate` (options ignored, as upstream). */
  mCreate(ctx: Context, ops: readonly MultiOp[], _opts?: OpOptions): Proc<Result<BulkItem[]>> {
    return multiWaitBulkOp(this, ctx, Action.create, ops);
  }

  /** `MIndex` (options ignored). */
  mIndex(ctx: Context, ops: readonly MultiOp[], _opts?: OpOptions): Proc<Result<BulkItem[]>> {
    return multiWaitBulkOp(this, ctx, Action.index, ops);
  }

  /** `MUpdate` (options ignored: `WithRefresh` is dropped, R3). */
  mUpdate(ctx: Context, ops: readonly MultiOp[], _opts?: OpOptions): Proc<Result<BulkItem[]>> {
    return multiWaitBulkOp(this, ctx, Action.update, ops);
  }

  /** `MDelete` (options ignored). */
  mDelete(ctx: Context, ops: readonly MultiOp[], _opts?: OpOptions): Proc<Result<BulkItem[]>> {
    return multiWaitBulkOp(this, ctx, Action.delete, ops);
  }
}
