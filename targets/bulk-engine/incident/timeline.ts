/**
 * The incident study's series, read from a finished run after the fact (nothing is
 * sampled while it runs, so no timer, decision or trace event is added): per bin of
 * virtual time, pool misses (fresh blocks: the allocations #6747 is about), blocks that
 * became garbage, retained blocks and the bytes of their buffers, dispatchers parked
 * before the channel, callers waiting for an answer, live drain tasks, and checkins in
 * flight and in their set-up phase.
 *
 * A block is retained while something can reach it: from its acquire until it is freed,
 * then in the pool until a Get takes it again or the pool lets it go (a GC, a race-mode
 * drop); a block never freed stays reachable until its caller returned and the engine's
 * last touch of it (an answer, a drain giving up), and one never answered until the end.
 */
import type { FinishedRun } from '../../../harness/target.ts';
import type { Resource, ResourceEvent } from '../../../sim/index.ts';
import type { BulkT } from '../../../engine/index.ts';
import type { Scenario } from '../../../scenario/schema.ts';
import type { EngineWorld } from '../../../scenario/world.ts';
import { factsOf } from '../facts.ts';
import { binnedCount, binnedMean, type Interval } from './intervals.ts';

/** One bin of the series (rates per minute, gauges as time-weighted means). */
export interface TimelineRow {
  /** Bin start, virtual seconds. */
  readonly t: number;
  readonly poolMissesPerMin: number;
  /** Blocks that became garbage (never to be reused): never-freed ones and those the pool let go. */
  readonly garbageBlocksPerMin: number;
  /** Of those, blocks never freed (what PR #6747 calls leaked). */
  readonly unfreedBlocksPerMin: number;
  readonly retainedBlocks: number;
  readonly retainedBytes: number;
  readonly parkedDispatchers: number;
  readonly waitingForAnswer: number;
  readonly liveDrains: number;
  readonly checkinsInFlight: number;
  readonly checkinsInSetup: number;
}

/** The series and the checkin set-up durations of one run. */
export interface Timeline {
  readonly binS: number;
  readonly rows: readonly TimelineRow[];
  /** Set-up durations (request start to long poll) of the checkins that got there, seconds, sorted. */
  readonly setupS: readonly number[];
}

interface Gen {
  readonly acquire: number;
  readonly event: ResourceEvent;
  end: number;
  freedAt: number | null;
  enqueuedAt: number | null;
  answeredAt: number | null;
  drainEnd: number | null;
  callEnd: number | null;
  readonly cap: number;
}

/** The generations (acquire to free, or to the end) of one block. */
function generations(r: Resource<unknown>, runEnd: number): Gen[] {
  const out: Gen[] = [];
  let g: Gen | null = null;
  const cap = (r.data as BulkT).cap;
  for (const e of r.history) {
    if (e.event === 'acquire') {
      g = { acquire: e.time, event: e, end: runEnd, freedAt: null, enqueuedAt: null, answeredAt: null, drainEnd: null, callEnd: null, cap };
      out.push(g);
    } else if (g !== null) {
      if (e.event === 'free') {
        g.freedAt = e.time;
        if (e.note?.startsWith('drain') === true) g.drainEnd = e.time;
      } else if (e.event === 'enqueue') g.enqueuedAt ??= e.time;
      else if (e.event === 'answer') g.answeredAt = e.time;
      else if (e.event === 'abandon') g.drainEnd = e.time;
    }
  }
  return out;
}

/** The end of the call that acquired a block (same task, enclosing trace positions), found by task. */
function callEnds(facts: ReturnType<typeof factsOf>): (e: ResourceEvent) => number | null {
  const byTask = new Map<string, { startSeq: number; endSeq: number | null; end: number | null }[]>();
  for (const c of facts.calls) {
    const l = byTask.get(c.task);
    if (l === undefined) byTask.set(c.task, [c]);
    else l.push(c);
  }
  return (e) => {
    const l = byTask.get(e.task) ?? [];
    // Calls of one task are sequential and recorded in start order: binary search the last that started before e.
    let lo = 0;
    let hi = l.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((l[mid] as { startSeq: number }).startSeq <= e.seq) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const c = l[found];
    return c !== undefined && (c.endSeq === null || c.endSeq >= e.seq) ? c.end : null;
  };
}

/** The incident series of a finished run, in bins of `binS` seconds. */
export function incidentTimeline(run: FinishedRun<Scenario, EngineWorld>, binS = 10): Timeline {
  const w = run.world;
  const facts = factsOf(run);
  const runEnd = run.result.time;
  const width = binS * 1_000_000;
  const bins = Math.ceil(runEnd / width);
  const pool = w.bulker.pool;
  const lost = new Map<number, number[]>();
  for (const l of pool.policy.lost) lost.set(l.id, [...(lost.get(l.id) ?? []), l.at]);
  const endOfCall = callEnds(facts);
  const misses: number[] = [];
  const garbage: number[] = [];
  const unfreed: number[] = [];
  const retained: Interval[] = [];
  const retainedBytes: { i: Interval; bytes: number }[] = [];
  const parked: Interval[] = [];
  const waiting: Interval[] = [];
  const drains: Interval[] = [];
  for (const r of pool.resources) {
    if (!r.pooled) continue;
    const gens = generations(r, runEnd);
    const losses = (lost.get(r.id) ?? []).slice().sort((a, b) => a - b);
    gens.forEach((g, k) => {
      if (k === 0) misses.push(g.acquire);
      g.callEnd = endOfCall(g.event);
      const next = gens[k + 1];
      let until: number;
      if (g.freedAt !== null) {
        // In the pool until the next Get takes it, or until the pool lets it go.
        const loss = losses.find((t) => t >= (g.freedAt as number));
        until = next !== undefined ? next.acquire : (loss ?? runEnd);
        if (next === undefined && loss !== undefined) garbage.push(loss);
      } else {
        const last = Math.max(g.answeredAt ?? -1, g.drainEnd ?? -1, g.callEnd ?? runEnd);
        until = g.enqueuedAt !== null && g.answeredAt === null && g.drainEnd === null ? runEnd : last;
        if (until < runEnd) garbage.push(until);
        unfreed.push(Math.min(until, runEnd - 1));
      }
      const held: Interval = { start: g.acquire, end: until };
      retained.push(held);
      retainedBytes.push({ i: held, bytes: g.cap });
      const returned = g.callEnd ?? runEnd;
      const left = Math.min(g.freedAt ?? runEnd, returned);
      parked.push({ start: g.acquire, end: Math.min(g.enqueuedAt ?? left, left) });
      if (g.enqueuedAt !== null) waiting.push({ start: g.enqueuedAt, end: Math.min(g.answeredAt ?? left, left) });
      if (g.drainEnd !== null && g.callEnd !== null) drains.push({ start: g.callEnd, end: g.drainEnd });
    });
  }
  const bytes = new Float64Array(bins);
  for (const { i, bytes: b } of retainedBytes) {
    const m = binnedMean([i], width, bins);
    for (let k = 0; k < bins; k++) bytes[k] = (bytes[k] as number) + (m[k] as number) * b;
  }
  const inFlight = w.checkins.map((c) => ({ start: c.start, end: c.end ?? runEnd }));
  const inSetup = w.checkins.map((c) => ({ start: c.start, end: c.setupEnd ?? c.end ?? runEnd }));
  const perMin = 60 / binS;
  const cols = {
    misses: binnedCount(misses, width, bins),
    garbage: binnedCount(garbage, width, bins),
    unfreed: binnedCount(unfreed, width, bins),
    retained: binnedMean(retained, width, bins),
    parked: binnedMean(parked, width, bins),
    waiting: binnedMean(waiting, width, bins),
    drains: binnedMean(drains, width, bins),
    inFlight: binnedMean(inFlight, width, bins),
    inSetup: binnedMean(inSetup, width, bins),
  };
  const round = (x: number) => Math.round(x * 10) / 10;
  const rows: TimelineRow[] = Array.from({ length: bins }, (_, k) => ({
    t: k * binS,
    poolMissesPerMin: (cols.misses[k] as number) * perMin,
    garbageBlocksPerMin: (cols.garbage[k] as number) * perMin,
    unfreedBlocksPerMin: (cols.unfreed[k] as number) * perMin,
    retainedBlocks: round(cols.retained[k] as number),
    retainedBytes: Math.round(bytes[k] as number),
    parkedDispatchers: round(cols.parked[k] as number),
    waitingForAnswer: round(cols.waiting[k] as number),
    liveDrains: round(cols.drains[k] as number),
    checkinsInFlight: round(cols.inFlight[k] as number),
    checkinsInSetup: round(cols.inSetup[k] as number),
  }));
  const setupS = w.checkins.filter((c) => c.setupEnd !== null).map((c) => ((c.setupEnd as number) - c.start) / 1e6).sort((a, b) => a - b);
  return { binS, rows, setupS };
}
