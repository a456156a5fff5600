/**
 * Strict schema of the `_mget` responses the fake emits.
 */
import { z } from 'zod';
import { EsErrorCauseSchema } from './error.ts';

/** One `_mget` doc: found, not found (`found:false`), or an `error` (e.g. missing index, no `found`). */
export const MgetDocSchema = z.looseObject({
  _index: z.string(),
  _id: z.string(),
  _version: z.number().int().optional(),
  _seq_no: z.number().int().optional(),
  _primary_term: z.number().int().optional(),
  found: z.boolean().optional(),
  _source: z.unknown().optional(),
  error: EsErrorCauseSchema.optional(),
});
/** Parsed mget doc. */
export type MgetDoc = z.infer<typeof MgetDocSchema>;

/** `_mget` response body. */
export const MgetResponseSchema = z.looseObject({ docs: z.array(MgetDocSchema) });
/** Parsed `_mget` response. */
export type MgetResponse = z.infer<typeof MgetResponseSchema>;
