/**
 * What every route handler receives (the store, the request, path parameters) and the hooks
 * through which the fault layer injects item-level faults.
 */
import type { Cluster } from '../store/cluster.ts';
import type { EsRequest } from '../types.ts';

/** Item-level fault kinds the fault layer can inject into bulk and msearch items. */
export type ItemFaultKind = 'conflict409' | 'rejected429' | 'unavailable503';

/** Hooks the fault layer uses to inject item faults; absent in a healthy cluster. */
export interface HandlerHooks {
  /** Asked once per bulk item, in order, before it is applied; a fault means the item is NOT applied. */
  bulkItemFault?: (position: number) => ItemFaultKind | undefined;
  /** Asked once per msearch item, in order. Conflicts make no sense there; callers return only 429/503. */
  msearchItemFault?: (position: number) => ItemFaultKind | undefined;
}

/** Everything a route handler gets. */
export interface HandlerContext {
  /** The store. */
  cluster: Cluster;
  /** The request. */
  req: EsRequest;
  /** Decoded path parameters (`index`, `id`). */
  params: Record<string, string>;
  /** Fault hooks. */
  hooks: HandlerHooks;
}
