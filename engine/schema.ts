/**
 * Response parsing for the flushes (spec §3.3–3.6), with the shared zod schemas of the
 * fake Elasticsearch (`sim/elasticsearch/schemas/`). Upstream decodes with easyjson into
 * structs that keep only `_id`, `status` and the raw `error` of each item; the adapters
 * here do the same.
 */
import type { z } from 'zod';
import { GoError } from '../sim/index.ts';
import {
  BulkResponseSchema,
  MgetDocSchema,
  MgetResponseSchema,
  MsearchItemSchema,
  MsearchResponseSchema,
  type BulkItem as EsBulkItem,
  type MgetDoc,
  type MsearchItem,
} from '../elasticsearch/schemas/index.ts';

export { BulkResponseSchema, MgetDocSchema, MgetResponseSchema, MsearchItemSchema, MsearchResponseSchema, type MgetDoc, type MsearchItem };

/** A bulk item as the engine keeps it (`BulkIndexerResponseItem`): id, status, raw error JSON. */
export interface BulkItem {
  readonly _id: string;
  readonly status: number;
  readonly error?: string | undefined;
}

/** Parses a body with a schema; the value, or the decode error as a GoError (easyjson.Unmarshal). */
export function decode<S extends z.ZodType>(schema: S, body: string, what: string): { err: GoError } | { err: null; value: z.output<S> } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return { err: new GoError(`${what}, could not unmarshal ES response: ${e instanceof Error ? e.message : String(e)}`) };
  }
  const r = schema.safeParse(json);
  if (!r.success) return { err: new GoError(`${what}, could not unmarshal ES response: ${r.error.issues[0]?.message ?? 'invalid'}`) };
  return { err: null, value: r.data };
}

/** Raw JSON text of an item's `error`, or undefined. */
export function rawError(e: unknown): string | undefined {
  return e === undefined || e === null ? undefined : JSON.stringify(e);
}

/** `Choose()`: the item under update, create, index or delete (that priority), or null. */
export function chooseBulkItem(item: EsBulkItem): BulkItem | null {
  const v = item.update ?? item.create ?? item.index ?? item.delete;
  if (v === undefined) return null;
  return { _id: v._id ?? '', status: v.status, error: rawError(v.error) };
}
