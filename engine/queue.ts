/**
 * Run's queues (`queue.go`, spec §1.4): LIFO intrusive lists, one per queue type, and the
 * routing of a block to its queue.
 */
import { Action, type Blk, type BulkT } from './block.ts';

/** Queue types in upstream C enumeration order, which is also the order `doFlush` visits them. */
export const QueueType = {
  bulk: 0,
  read: 1,
  search: 2,
  fleetSearch: 3,
  enrollSearch: 4,
  refreshBulk: 5,
  refreshRead: 6,
  apiKeyUpdate: 7,
} as const;

/** One of the {@link QueueType} values. */
export type QueueTypeT = (typeof QueueType)[keyof typeof QueueType];

/** Queue names for task names and traces. */
export const QUEUE_NAMES: readonly string[] = ['bulk', 'read', 'search', 'fleetSearch', 'enrollSearch', 'refreshBulk', 'refreshRead', 'apiKeyUpdate'];

/** A queue (`queueT`): type, block count, newest block, and the sum of buffer lengths. */
export interface Queue {
  readonly type: QueueTypeT;
  cnt: number;
  head: Blk | null;
  pending: number;
}

/** One empty queue per type. */
export function newQueues(): Queue[] {
  return QUEUE_NAMES.map((_, i) => ({ type: i as QueueTypeT, cnt: 0, head: null, pending: 0 }));
}

/** A copy of a queue, as `doFlush` passes to `flushQueue`. */
export function copyQueue(q: Queue): Queue {
  return { type: q.type, cnt: q.cnt, head: q.head, pending: q.pending };
}

/** `blkToQueueType`: routing of spec §1.4 (enroll routing only when the variant has the enroll queue). */
export function blkToQueueType(b: Pick<BulkT, 'action' | 'refresh' | 'dedupeKey'>, enrollQueue: boolean): QueueTypeT {
  if (enrollQueue && b.action === Action.search && b.dedupeKey !== '') return QueueType.enrollSearch;
  switch (b.action) {
    case Action.search:
      return QueueType.search;
    case Action.fleetSearch:
      return QueueType.fleetSearch;
    case Action.read:
      return b.refresh ? QueueType.refreshRead : QueueType.read;
    case Action.updateApiKey:
      return QueueType.apiKeyUpdate;
    default:
      return b.refresh ? QueueType.refreshBulk : QueueType.bulk;
  }
}
