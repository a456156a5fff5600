/**
 * Strict schemas of the error objects and `{error, status}` envelopes the fake emits, and
 * of `_shards`.
 */
import { z } from 'zod';

/** An ES error object: `{type, reason, caused_by?, root_cause?, ...metadata}`. Extra keys are kept. */
export interface EsErrorCause {
  /** Exception type. */
  type: string;
  /** Reason text; ES sends `null` for a few exception kinds. */
  reason?: string | null | undefined;
  /** Wrapped cause. */
  caused_by?: EsErrorCause | undefined;
  /** Root causes (top-level error objects only). */
  root_cause?: EsErrorCause[] | undefined;
  /** Metadata such as `index`, `index_uuid`, `shard`. */
  [key: string]: unknown;
}

/** Schema of {@link EsErrorCause}. */
export const EsErrorCauseSchema: z.ZodType<EsErrorCause> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    reason: z.string().nullable().optional(),
    caused_by: EsErrorCauseSchema.optional(),
    root_cause: z.array(EsErrorCauseSchema).optional(),
  }),
);

/** The `{error, status}` envelope of a non-2xx response; `error` is a string for a few REST-layer errors (405). */
export const EsErrorEnvelopeSchema = z.looseObject({
  error: z.union([EsErrorCauseSchema, z.string()]),
  status: z.number().int(),
});
/** Parsed error envelope. */
export type EsErrorEnvelope = z.infer<typeof EsErrorEnvelopeSchema>;

/** `_shards` of write responses (`total/successful/failed`) and searches (`skipped` too). */
export const ShardsSchema = z.looseObject({
  total: z.number().int(),
  successful: z.number().int(),
  skipped: z.number().int().optional(),
  failed: z.number().int(),
});
/** Parsed `_shards`. */
export type Shards = z.infer<typeof ShardsSchema>;
