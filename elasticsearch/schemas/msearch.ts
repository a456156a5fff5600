/**
 * Strict schema of the `_msearch` and `_fleet/_fleet_msearch` responses the fake emits.
 */
import { z } from 'zod';
import { EsErrorCauseSchema, ShardsSchema } from './error.ts';
import { SearchResponseSchema } from './search.ts';

/** One msearch item: a search response plus `status`, or `{error, status}`. All search fields optional. */
export const MsearchItemSchema = z.looseObject({
  ...SearchResponseSchema.partial().shape,
  _shards: ShardsSchema.optional(),
  status: z.number().int(),
  error: EsErrorCauseSchema.optional(),
});
/** Parsed msearch item. */
export type MsearchItem = z.infer<typeof MsearchItemSchema>;

/** `_msearch` / `_fleet/_fleet_msearch` response body. */
export const MsearchResponseSchema = z.looseObject({
  took: z.number().int(),
  responses: z.array(MsearchItemSchema),
});
/** Parsed msearch response. */
export type MsearchResponse = z.infer<typeof MsearchResponseSchema>;
