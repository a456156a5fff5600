/**
 * One stored document version.
 */
/** One stored document version as the fake keeps it. */
export interface StoredDoc {
  /** Document id. */
  readonly id: string;
  /** Parsed `_source` (always a JSON object). */
  readonly source: Record<string, unknown>;
  /** `_version`, 1 for a new document. */
  readonly version: number;
  /** `_seq_no` of the write that produced this version. */
  readonly seqNo: number;
  /** `_primary_term`; always 1 in the fake (no failovers). */
  readonly primaryTerm: number;
  /** Lucene-like position: increases with every write, so updated docs sort after older ones in `_doc` order. */
  readonly order: number;
}
