/**
 * Which request carried which call: each call's blocks (from the pool's histories: the
 * acquire or unpooled make by the call's task inside the call), each flush task's blocks
 * in the order it walked them (its `flush` transitions), and the exchanges that task
 * sent (the request log). Built once per run from typed facts.
 */
import type { CallFact, RunFacts } from '../facts.ts';
import type { Exchange } from '../../../scenario/request-log.ts';

/** One block generation a flush carried, with the call it belongs to. */
export interface Carried {
  /** Its index in the run's blocks (unique across pools). */
  readonly index: number;
  readonly blockId: number;
  readonly gen: number;
  /** The call that made or acquired the block, if it could be found. */
  readonly call: CallFact | undefined;
  /** For a multi-operation block: its operation's index in the call (creation order). */
  readonly opIndex: number;
}

/** One flush task: its blocks in walk order and the requests it sent. */
export interface FlushCarriage {
  readonly task: string;
  /** The pool of the blocks it carried (a child bulker's flush tasks are named like the bulker's). */
  readonly pool: number;
  readonly blocks: readonly Carried[];
  readonly exchanges: readonly Exchange[];
}

/** The carriage of a run. */
export interface Carriage {
  readonly flushes: readonly FlushCarriage[];
  /** The flushes that carried each call, by call id. */
  readonly byCall: ReadonlyMap<number, readonly FlushCarriage[]>;
}

const cache = new WeakMap<RunFacts, Carriage>();

/** Computes (once) which flush carried which call. */
export function carriageOf(f: RunFacts): Carriage {
  const hit = cache.get(f);
  if (hit !== undefined) return hit;
  const callsByTask = new Map<string, CallFact[]>();
  for (const c of f.calls) {
    let l = callsByTask.get(c.task);
    if (l === undefined) callsByTask.set(c.task, (l = []));
    l.push(c);
  }
  const findCall = (task: string, seq: number): CallFact | undefined => {
    const l = callsByTask.get(task);
    if (l === undefined) return undefined;
    for (let i = l.length - 1; i >= 0; i--) {
      const c = l[i] as CallFact;
      if (c.startSeq <= seq && (c.endSeq === null || c.endSeq >= seq)) return c;
      if (c.startSeq < seq && c.endSeq !== null && c.endSeq < seq) break;
    }
    return undefined;
  };
  const owner = new Map<string, { call: CallFact | undefined; opIndex: number }>();
  const madeByCall = new Map<number, number>();
  // Keyed by pool and task: block ids and flush task names repeat across child bulkers.
  const flushEvents = new Map<string, { pool: number; task: string; evs: { index: number; blockId: number; gen: number; seq: number }[] }>();
  for (const [index, b] of f.blocks.entries()) {
    const pool = f.blockPool[index] as number;
    for (const e of b.history) {
      if (e.event === 'acquire' || e.event === 'make-unpooled') {
        const call = findCall(e.task, e.seq);
        let opIndex = 0;
        if (e.event === 'make-unpooled' && call !== undefined) {
          opIndex = madeByCall.get(call.id) ?? 0;
          madeByCall.set(call.id, opIndex + 1);
        }
        owner.set(`${index}.${e.gen}`, { call, opIndex });
      } else if (e.event === 'flush') {
        const key = `${pool}|${e.task}`;
        let l = flushEvents.get(key);
        if (l === undefined) flushEvents.set(key, (l = { pool, task: e.task, evs: [] }));
        l.evs.push({ index, blockId: b.id, gen: e.gen, seq: e.seq });
      }
    }
  }
  const exByTask = new Map<string, Exchange[]>();
  for (const x of f.exchanges) {
    let l = exByTask.get(x.task);
    if (l === undefined) exByTask.set(x.task, (l = []));
    l.push(x);
  }
  const flushes: FlushCarriage[] = [];
  const byCall = new Map<number, FlushCarriage[]>();
  const poolsOfTask = new Map<string, number>();
  for (const { task } of flushEvents.values()) poolsOfTask.set(task, (poolsOfTask.get(task) ?? 0) + 1);
  for (const { pool, task, evs } of flushEvents.values()) {
    evs.sort((a, b) => a.seq - b.seq);
    const blocks = evs.map((e) => {
      const o = owner.get(`${e.index}.${e.gen}`);
      return { index: e.index, blockId: e.blockId, gen: e.gen, call: o?.call, opIndex: o?.opIndex ?? 0 };
    });
    // The request log names only the task: when flushes of two pools share a name, their exchanges cannot be told apart, and none is given.
    const fc: FlushCarriage = { task, pool, blocks, exchanges: (poolsOfTask.get(task) ?? 0) > 1 ? [] : (exByTask.get(task) ?? []) };
    flushes.push(fc);
    for (const b of blocks) {
      if (b.call === undefined) continue;
      let l = byCall.get(b.call.id);
      if (l === undefined) byCall.set(b.call.id, (l = []));
      if (!l.includes(fc)) l.push(fc);
    }
  }
  const c = { flushes, byCall };
  cache.set(f, c);
  return c;
}
