/**
 * Strict schemas of the `_search` and `_count` responses the fake emits.
 */
import { z } from 'zod';
import { ShardsSchema } from './error.ts';

/** `hits.total` object form. */
export const TotalHitsSchema = z.object({ value: z.number().int(), relation: z.enum(['eq', 'gte']) });
/** Parsed `hits.total`. */
export type TotalHits = z.infer<typeof TotalHitsSchema>;

/** One search hit. */
export const SearchHitSchema = z.looseObject({
  _index: z.string(),
  _id: z.string(),
  _version: z.number().int().optional(),
  _seq_no: z.number().int().optional(),
  _primary_term: z.number().int().optional(),
  _score: z.number().nullable(),
  _source: z.unknown().optional(),
  sort: z.array(z.unknown()).optional(),
});
/** Parsed search hit. */
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** `_search` response body (`hits.total` is a number with `rest_total_hits_as_int`, absent with `track_total_hits:false`). */
export const SearchResponseSchema = z.looseObject({
  took: z.number().int(),
  timed_out: z.boolean(),
  _shards: ShardsSchema,
  hits: z.looseObject({
    total: z.union([TotalHitsSchema, z.number().int()]).optional(),
    max_score: z.number().nullable(),
    hits: z.array(SearchHitSchema),
  }),
  aggregations: z.record(z.string(), z.unknown()).optional(),
});
/** Parsed `_search` response. */
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

/** `_count` response body. */
export const CountResponseSchema = z.looseObject({ count: z.number().int(), _shards: ShardsSchema });
/** Parsed `_count` response. */
export type CountResponse = z.infer<typeof CountResponseSchema>;
