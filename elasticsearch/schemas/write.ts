/**
 * Strict schemas of the single-document write and get responses the fake emits.
 */
import { z } from 'zod';
import { ShardsSchema } from './error.ts';

/** Single-document write response (index/create/update/delete). */
export const WriteResponseSchema = z.looseObject({
  _index: z.string(),
  _id: z.string(),
  _version: z.number().int(),
  result: z.enum(['created', 'updated', 'deleted', 'not_found', 'noop']),
  forced_refresh: z.boolean().optional(),
  _shards: ShardsSchema,
  _seq_no: z.number().int(),
  _primary_term: z.number().int(),
});
/** Parsed write response. */
export type WriteResponse = z.infer<typeof WriteResponseSchema>;

/** Single-document get response. */
export const GetResponseSchema = z.looseObject({
  _index: z.string(),
  _id: z.string(),
  _version: z.number().int().optional(),
  _seq_no: z.number().int().optional(),
  _primary_term: z.number().int().optional(),
  found: z.boolean(),
  _source: z.unknown().optional(),
});
/** Parsed get response. */
export type GetResponse = z.infer<typeof GetResponseSchema>;
