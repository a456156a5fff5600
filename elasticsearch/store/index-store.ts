/**
 * One index: its realtime documents, the snapshot search sees (updated on refresh), its
 * sequence numbers and field types.
 */
import type { StoredDoc } from './doc.ts';

/** Field types known for an index: from explicit mappings or inferred on first sight (dynamic mapping). */
export type FieldType = string;

/**
 * One index (one primary shard). Keeps the realtime documents, the searchable snapshot as of the
 * last refresh, tombstone versions of deleted ids, and the next sequence number.
 */
export class IndexStore {
  /** Realtime documents by id (what get/mget see). */
  readonly live = new Map<string, StoredDoc>();
  /** Refreshed documents by id, in Lucene order (what search/count see). */
  readonly visible = new Map<string, StoredDoc>();
  /** Ids written since the last refresh, in write order. */
  readonly #pending = new Set<string>();
  /** Version of each deleted id (ES keeps tombstones; gc_deletes never expires in virtual time). */
  readonly tombstones = new Map<string, number>();
  /** Field name → mapping type. */
  readonly fieldTypes = new Map<string, FieldType>();
  #nextSeqNo = 0;

  /**
   * @param name index name.
   * @param uuid deterministic `index_uuid`.
   * @param settings settings object as given at creation (may be empty).
   */
  constructor(
    readonly name: string,
    readonly uuid: string,
    readonly settings: Record<string, unknown>,
  ) {}

  /** Hands out the next `_seq_no`. */
  takeSeqNo(): number {
    return this.#nextSeqNo++;
  }

  /** Max `_seq_no` handed out so far, -1 when none (the global checkpoint of a one-shard index). */
  get maxSeqNo(): number {
    return this.#nextSeqNo - 1;
  }

  /** Stores a new version of a document (realtime) and marks it for the next refresh. */
  put(doc: StoredDoc): void {
    this.live.set(doc.id, doc);
    this.tombstones.delete(doc.id);
    this.#touch(doc.id);
  }

  /** Removes a document (realtime), recording its tombstone version. */
  remove(id: string, version: number): void {
    this.live.delete(id);
    this.tombstones.set(id, version);
    this.#touch(id);
  }

  /** Makes every pending write visible to search. Returns whether anything changed. */
  refresh(): boolean {
    if (this.#pending.size === 0) return false;
    for (const id of this.#pending) {
      this.visible.delete(id);
      const doc = this.live.get(id);
      if (doc !== undefined) this.visible.set(id, doc);
    }
    this.#pending.clear();
    return true;
  }

  /** Current version of an id for versioning purposes: live version, else tombstone, else undefined. */
  lastVersion(id: string): number | undefined {
    return this.live.get(id)?.version ?? this.tombstones.get(id);
  }

  #touch(id: string): void {
    this.#pending.delete(id);
    this.#pending.add(id);
  }
}
