/**
 * The engine's block (`bulkT`, spec §1.1) and how the tracked pool makes and resets it.
 * Every engine access to a block's fields goes through `pool.read(h, '<field>', site)` or
 * `pool.write(h, '<field>', v, site)`: a touch after free is reported by the kernel's pool,
 * and every field is a tracked location, so an access another task's access is not
 * ordered with (by Go's happens-before) is a data race. `reset` writes every field but the
 * response channel, which `make` creates once.
 */
import type { Chan, GoError, Handle, PoolType, Sim, TrackedPool } from '../sim/index.ts';

/** Block actions, numbered as upstream (`create` is 0, so a reset block reads as "create"). */
export const Action = {
  create: 0,
  delete: 1,
  index: 2,
  update: 3,
  updateApiKey: 4,
  read: 5,
  search: 6,
  fleetSearch: 7,
} as const;

/** One of the {@link Action} values. */
export type ActionT = (typeof Action)[keyof typeof Action];

/** Action names as written in bulk meta lines (index = action number). */
export const ACTION_NAMES: readonly string[] = ['create', 'delete', 'index', 'update', 'update_api_key', 'read', 'search', 'fleet_search'];

/** A response sent on a block's response channel (`respT`). */
export interface Resp {
  readonly err: GoError | null;
  readonly idx: number;
  /** The per-item response (bulk item, mget doc, msearch item), or null. */
  readonly data: unknown;
}

/** The block payload (`bulkT`). */
export interface BulkT {
  action: number;
  /** `flagRefresh`. */
  refresh: boolean;
  /** Index of the originating request; only multi-op blocks use non-zero values. */
  idx: number;
  /** Response channel, capacity 1 for pool blocks; created once, never drained by reset. */
  ch: Chan<Resp>;
  /** The request fragment this block contributes to a flush (set it with {@link writeBuf}). */
  buf: string;
  /**
   * Bytes the buffer can hold without growing: the largest fragment it ever held. Go's
   * `bytes.Buffer` keeps its capacity across `Reset`, so a pooled block keeps its largest
   * buffer for life; retained-memory reports count this, not `len(buf)`.
   */
  cap: number;
  /** Intrusive list pointer used by Run's queues. */
  next: Blk | null;
  /** C: enrollment id; a search block with one routes to the enroll queue. */
  dedupeKey: string;
  /** C: index to refresh before the enroll msearch. */
  refreshIndex: string;
}

/** A pointer to a block as engine code holds it. */
export type Blk = Handle<BulkT>;

/** States a block passes through between acquire and free. */
export const BLOCK_STATES = ['enqueued', 'in-flush', 'answered', 'abandoned'] as const;

/**
 * The pool type: `make` creates the capacity-1 response channel once; `reset` keeps it.
 * A block whose drain reached its timeout is `abandoned`: the lifecycle invariant lets it
 * end the run unfreed.
 */
export function blockPoolType(sim: Sim): PoolType<BulkT> {
  return {
    noun: 'block',
    states: BLOCK_STATES,
    exemptAtEnd: ['abandoned'],
    resetWrites: ['action', 'refresh', 'idx', 'buf', 'next', 'dedupeKey', 'refreshIndex'],
    make: (id: number): BulkT => ({
      action: 0,
      refresh: false,
      idx: 0,
      ch: sim.chan<Resp>(1, `blk${id}.ch`),
      buf: '',
      cap: 0,
      next: null,
      dedupeKey: '',
      refreshIndex: '',
    }),
    reset: (d: BulkT): void => {
      d.action = 0;
      d.refresh = false;
      d.idx = 0;
      d.buf = '';
      d.next = null;
      d.dedupeKey = '';
      d.refreshIndex = '';
    },
  };
}

/**
 * Writes a block's buffer at `site` (a tracked write), growing its capacity as
 * `bytes.Buffer` would (never shrinking it; the capacity is the buffer's own bookkeeping,
 * not a separate Go field, so it is no separate access).
 */
export function writeBuf(pool: TrackedPool<BulkT>, h: Handle<BulkT>, s: string, site: string): void {
  pool.write(h, 'buf', s, site);
  const d = h.resource.data;
  const n = byteLen(s);
  if (n > d.cap) d.cap = n;
}

/** Length in bytes (UTF-8) of a buffer, as Go's `len(buf)` counts it. */
export function byteLen(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * Records a block's transition. A block its drain gave up on stays `abandoned` for the
 * rest of its generation, even if a flush later takes and answers it (the invariant
 * allows that block to go). `site` (the flush or function doing it) is kept in the
 * block's history for signatures; it is not part of the trace text.
 */
export function markBlock(pool: TrackedPool<BulkT>, h: Blk, event: string, state: (typeof BLOCK_STATES)[number], note?: string, site?: string): void {
  pool.mark(h, event, h.resource.state === 'abandoned' ? 'abandoned' : state, note, site);
}
