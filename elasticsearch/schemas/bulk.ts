/**
 * Strict schema of the `_bulk` responses the fake emits.
 */
import { z } from 'zod';
import { EsErrorCauseSchema, ShardsSchema } from './error.ts';

/** Body of one bulk item (under its op key): success fields or `error`. */
export const BulkItemResultSchema = z.looseObject({
  _index: z.string(),
  _id: z.string().nullable().optional(),
  _version: z.number().int().optional(),
  result: z.enum(['created', 'updated', 'deleted', 'not_found', 'noop']).optional(),
  forced_refresh: z.boolean().optional(),
  _shards: ShardsSchema.optional(),
  _seq_no: z.number().int().optional(),
  _primary_term: z.number().int().optional(),
  status: z.number().int(),
  error: EsErrorCauseSchema.optional(),
});
/** Parsed bulk item result. */
export type BulkItemResult = z.infer<typeof BulkItemResultSchema>;

/** One bulk item: an object keyed by op name. Unknown keys are allowed (the engine reports "unknown bulk operator"). */
export const BulkItemSchema = z.looseObject({
  index: BulkItemResultSchema.optional(),
  create: BulkItemResultSchema.optional(),
  update: BulkItemResultSchema.optional(),
  delete: BulkItemResultSchema.optional(),
});
/** Parsed bulk item. */
export type BulkItem = z.infer<typeof BulkItemSchema>;

/** `_bulk` response body. */
export const BulkResponseSchema = z.looseObject({
  errors: z.boolean(),
  took: z.number().int(),
  items: z.array(BulkItemSchema),
});
/** Parsed `_bulk` response. */
export type BulkResponse = z.infer<typeof BulkResponseSchema>;
