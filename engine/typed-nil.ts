/**
 * Go's typed nil: an interface value (`respT.data any`) holding a nil pointer of a named
 * type compares unequal to nil, and dereferencing it panics. `flushBulk` sends one for a
 * bulk item with no known op key (`bulkStubItem.Choose()` returns a nil
 * `*BulkIndexerResponseItem`, `schema.go` l.21–34 at dc8e230; sent at `opBulk.go` l.283–289).
 */
import { GoPanic } from '../sim/index.ts';

/** A nil pointer of type `type` held in an interface. */
export class TypedNil {
  constructor(
    /** The pointer type, e.g. `*BulkIndexerResponseItem`. */
    readonly type: string,
  ) {}
}

/** The nil `*BulkIndexerResponseItem` that `Choose()` returns for an item without a known op key. */
export const NIL_BULK_ITEM = new TypedNil('*BulkIndexerResponseItem');

/** `*p`: the value, or Go's nil-dereference panic. */
export function deref<T>(p: T | TypedNil): T {
  if (p instanceof TypedNil) throw new GoPanic('runtime error: invalid memory address or nil pointer dereference');
  return p;
}
