/**
 * Index-expression resolution for read APIs: comma lists, wildcards, `ignore_unavailable`
 * and `allow_no_indices`.
 */
import type { EsError } from '../errors.ts';
import type { Cluster } from '../store/cluster.ts';
import type { IndexStore } from '../store/index-store.ts';
import { parseBoolParam } from '../store/refresh-param.ts';

/** Splits a comma-separated index path part (or header value) into expressions. */
export function splitIndices(raw: unknown): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const list = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

/** Resolves indices for a read API using `ignore_unavailable` / `allow_no_indices` from a parameter source. */
export function resolveForRead(cluster: Cluster, raw: unknown, get: (k: string) => unknown): IndexStore[] | EsError {
  const b = (k: string, d: boolean) => {
    const v = get(k);
    return typeof v === 'boolean' ? v : parseBoolParam(v === undefined ? undefined : String(v), d);
  };
  return cluster.resolve(splitIndices(raw), { ignoreUnavailable: b('ignore_unavailable', false), allowNoIndices: b('allow_no_indices', true) });
}
