/**
 * What a workload call asked the engine for (its intent) and what it got back (a digest
 * of its answer), as typed facts in the call ledger. The request and answer oracles
 * compare them with what the engine sent and Elasticsearch answered.
 */

/** A single-document write (Create, Index, Update, Delete). */
export interface WriteIntent {
  readonly kind: 'write';
  readonly action: 'create' | 'index' | 'update' | 'delete';
  readonly index: string;
  readonly id: string;
  /** The body as given (null: none). */
  readonly body: string | null;
  readonly refresh: boolean;
  readonly retryOnConflict?: number;
}

/** A multi operation (MCreate, MIndex, MUpdate, MDelete): options ignored upstream. */
export interface MultiIntent {
  readonly kind: 'multi';
  readonly action: 'create' | 'index' | 'update' | 'delete';
  readonly ops: readonly { readonly index: string; readonly id: string; readonly body: string | null }[];
}

/** A Read / ReadRaw. */
export interface ReadIntent {
  readonly kind: 'read';
  readonly index: string;
  readonly id: string;
  readonly refresh: boolean;
}

/** A Search (plain, fleet with checkpoints, or C: enrollment with a dedupe key). */
export interface SearchIntent {
  readonly kind: 'search';
  readonly index: string;
  readonly body: string | null;
  readonly waitForCheckpoints?: readonly number[];
  readonly ignoreUnavailable?: boolean;
  readonly dedupeKey?: string;
  readonly refreshIndex?: string;
}

/** An APIKeyUpdate. */
export interface ApiKeyUpdateIntent {
  readonly kind: 'apikey-update';
  readonly id: string;
  readonly roleHash: string;
  /** Raw roles JSON. */
  readonly roles: string;
}

/** What a call asked for. */
export type CallIntent = WriteIntent | MultiIntent | ReadIntent | SearchIntent | ApiKeyUpdateIntent;

/** What a successful call returned, reduced to what the oracles compare. */
export type AnswerDigest =
  /** Create/Index: the returned document id; Update/Delete/APIKeyUpdate: nothing. */
  | { readonly kind: 'write'; readonly id?: string }
  /** Multi: each result's `_id` and status, in the order the caller received them. */
  | { readonly kind: 'multi'; readonly items: readonly { readonly id: string; readonly status: number }[] }
  /** Read: the document's id and whether it was found, and its source as JSON text. */
  | { readonly kind: 'read'; readonly id: string; readonly found: boolean; readonly source: string | null }
  /** Search: the ids of the hits, in order. */
  | { readonly kind: 'search'; readonly hitIds: readonly string[] };
