/**
 * Response schemas (spec §3.3–3.6) the flushes parse with. Minimal local zod schemas
 * until the shared ones land in `sim/elasticsearch/schemas/`; they decode only what
 * upstream's easyjson structs decode, and keep item errors as raw JSON text.
 */
import { z } from 'zod';
import { GoError } from '../sim/index.ts';

const rawJson = z.unknown().transform((v) => (v === undefined ? undefined : JSON.stringify(v)));

/** One bulk item result (`BulkIndexerResponseItem`). */
export const BulkItemSchema = z.object({
  _id: z.string().optional().default(''),
  status: z.number().int().optional().default(0),
  error: rawJson.optional(),
});
/** A parsed bulk item: the doc id, the HTTP status and the raw error JSON. */
export type BulkItem = { _id: string; status: number; error?: string | undefined };

/** `_bulk` response: items keyed by operation. */
export const BulkResponseSchema = z.object({
  took: z.number().optional(),
  errors: z.boolean().optional(),
  items: z.array(z.record(z.string(), z.unknown())).nullish().transform((v) => v ?? []),
});

/** One `_mget` doc (`MgetResponseItem`). */
export const MgetDocSchema = z.object({
  _id: z.string().optional().default(''),
  _version: z.number().optional().default(0),
  _seq_no: z.number().optional().default(0),
  found: z.boolean().optional().default(false),
  _source: z.unknown().optional(),
});
/** A parsed mget doc. */
export type MgetDoc = z.infer<typeof MgetDocSchema>;

/** `_mget` response. */
export const MgetResponseSchema = z.object({ docs: z.array(MgetDocSchema).nullish().transform((v) => v ?? []) });

/** One msearch response item (`MsearchResponseItem`). */
export const MsearchItemSchema = z.object({
  status: z.number().int().optional().default(0),
  took: z.number().optional(),
  timed_out: z.boolean().optional(),
  _shards: z.unknown().optional(),
  hits: z.unknown().optional(),
  aggregations: z.unknown().optional(),
  error: rawJson.optional(),
});
/** A parsed msearch item. */
export type MsearchItem = z.infer<typeof MsearchItemSchema>;

/** `_msearch` response. */
export const MsearchResponseSchema = z.object({
  took: z.number().optional(),
  responses: z.array(MsearchItemSchema).nullish().transform((v) => v ?? []),
});

/** Parses a body with a schema; returns the value or the decode error as a GoError (easyjson.Unmarshal). */
export function decode<S extends z.ZodType>(schema: S, body: string, what: string): { err: GoError } | { err: null; value: z.output<S> } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return { err: new GoError(`${what}: could not unmarshal ES response: ${e instanceof Error ? e.message : String(e)}`) };
  }
  const r = schema.safeParse(json);
  if (!r.success) return { err: new GoError(`${what}: could not unmarshal ES response: ${r.error.issues[0]?.message ?? 'invalid'}`) };
  return { err: null, value: r.data };
}

/** `Choose()`: the bulk item under update, create, index or delete (that priority), or null. */
export function chooseBulkItem(item: Record<string, unknown>): BulkItem | null {
  for (const k of ['update', 'create', 'index', 'delete']) {
    const v = item[k];
    if (v !== undefined && v !== null) {
      const r = BulkItemSchema.safeParse(v);
      if (r.success) return r.data;
    }
  }
  return null;
}
