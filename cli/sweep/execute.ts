/**
 * Runs a sweep plan in this thread or on worker threads, and decides where it stops:
 * at the end, at the first failure (`--bail`), or when the wall-clock budget, counted from
 * the start of the first case, is spent (`--budget`: no seed is started after it, and
 * every seed started is finished, so the runs kept are whole seeds; the first seed always
 * runs). What is kept is always a prefix of the run order (with
 * `--bail`, up to and including the first failure in that order), so on any number of
 * workers the kept reports are the ones one thread would keep; they are returned in
 * report order.
 */
import type { CaseReport } from '../../harness/case.ts';
import type { LoadedTarget } from '../../harness/targets.ts';
import { WorkerPool } from '../workers/pool.ts';
import { perSeed, planSize, unitAt, type SweepPlan, type Unit } from './plan.ts';
import { UnitRunner, type CaseSettings, type UnitResult } from './run-unit.ts';

/** How to run a plan. */
export interface ExecuteOptions {
  readonly target: LoadedTarget;
  readonly settings: CaseSettings;
  readonly plan: SweepPlan;
  /** Worker threads (1: this thread). */
  readonly workers: number;
  /** Stop at the first failing case (in run order). */
  readonly bail: boolean;
  /** Wall-clock budget (ms) counted from the start of the first case, after which no seed is started; null: none. */
  readonly budgetMs: number | null;
  /** Called for every finished case as it arrives (kept or not). */
  readonly onCase: (r: CaseReport, u: Unit) => void;
  /** The wall clock (ms); injectable for tests. */
  readonly now?: () => number;
}

/** What ran and what was kept. */
export interface Executed {
  /** The kept cases' reports, in report order. */
  readonly reports: CaseReport[];
  /** Wall-clock ms of each kept case, aligned with {@link reports}. */
  readonly ms: number[];
  /** Why it stopped before the end of the plan, if it did. */
  readonly stopped: 'budget' | 'bail' | null;
}

const failed = (r: CaseReport) => !r.passed && !r.limit;

/** Runs the plan; resolves when every kept case has finished. */
export async function executePlan(o: ExecuteOptions): Promise<Executed> {
  const done = new Map<number, UnitResult>();
  const cut = o.workers > 1 ? await onWorkers(o, done) : inThread(o, done);
  const size = planSize(o.plan);
  let end = cut.end;
  if (cut.stopped === 'budget') end -= end % perSeed(o.plan); // whole seeds only (a prefix of seed order)
  const kept: Array<{ u: Unit; r: UnitResult }> = [];
  for (let pos = 0; pos < end; pos++) {
    const r = done.get(pos);
    if (r === undefined) throw new Error(`sweep: case ${pos} of ${size} was kept but never finished`);
    kept.push({ u: unitAt(o.plan, pos), r });
  }
  kept.sort((a, b) => a.u.rank - b.u.rank);
  return { reports: kept.map((k) => k.r.report), ms: kept.map((k) => k.r.ms), stopped: end < size ? cut.stopped : null };
}

/** Where a run stopped: cases [0, end) in run order are kept. */
interface Cut {
  readonly end: number;
  readonly stopped: 'budget' | 'bail' | null;
}

function inThread(o: ExecuteOptions, done: Map<number, UnitResult>): Cut {
  const runner = new UnitRunner(o.target, o.settings);
  const now = o.now ?? Date.now;
  const size = planSize(o.plan);
  const per = perSeed(o.plan);
  const deadline = o.budgetMs !== null ? now() + o.budgetMs : null; // determinism-ok: the budget reads the wall clock between cases, outside any simulation
  for (let pos = 0; pos < size; pos++) {
    if (deadline !== null && pos > 0 && pos % per === 0 && now() >= deadline) return { end: pos, stopped: 'budget' };
    const u = unitAt(o.plan, pos);
    const r = runner.run(u);
    done.set(pos, r);
    o.onCase(r.report, u);
    if (o.bail && failed(r.report)) return { end: pos + 1, stopped: 'bail' };
  }
  return { end: size, stopped: null };
}

/** Cases per slice sent to a worker: small when a stop may come (the cut is then tight), else about four slices per worker. */
function sliceSize(o: ExecuteOptions, size: number): number {
  if (o.bail || o.budgetMs !== null) return 1;
  return Math.max(1, Math.min(10, Math.ceil(size / (o.workers * 4))));
}

async function onWorkers(o: ExecuteOptions, done: Map<number, UnitResult>): Promise<Cut> {
  const pool = new WorkerPool(o.workers);
  const now = o.now ?? Date.now;
  const size = planSize(o.plan);
  const per = perSeed(o.plan);
  const step = sliceSize(o, size);
  const window = o.workers * 2;
  let next = 0; // the next position to send
  let limit = size; // positions at or after it are never sent
  let firstFail = Number.POSITIVE_INFINITY;
  let stopped: Cut['stopped'] = null;
  let error: unknown = null;
  let deadline = Number.POSITIVE_INFINITY; // set when the first case is known to have started
  const inFlight = new Map<number, { end: number; abort: AbortController }>();
  try {
    await new Promise<void>((resolve) => {
      const pump = () => {
        // determinism-ok: the budget is read between slices, outside any simulation
        if (error === null && o.budgetMs !== null && stopped === null && next > 0 && next < limit && now() >= deadline) {
          limit = Math.min(limit, Math.ceil(next / per) * per); // finish the seed in progress, start no other
          stopped = 'budget';
        }
        while (error === null && inFlight.size < window && next < limit) {
          const start = next;
          const end = Math.min(limit, start + step);
          next = end;
          const units: Unit[] = [];
          for (let p = start; p < end; p++) units.push(unitAt(o.plan, p));
          const abort = new AbortController();
          inFlight.set(start, { end, abort });
          pool.run({ settings: o.settings, units }, abort.signal).then(
            (results) => {
              inFlight.delete(start);
              // The first case started about its own duration before its result came back (threads start slowly).
              if (o.budgetMs !== null && deadline === Number.POSITIVE_INFINITY) deadline = now() - (results[0]?.ms ?? 0) + o.budgetMs;
              results.forEach((r, i) => {
                const pos = start + i;
                done.set(pos, r);
                o.onCase(r.report, units[i] as Unit);
                if (o.bail && failed(r.report) && pos < firstFail) firstFail = pos;
              });
              if (firstFail < limit) {
                limit = firstFail + 1;
                stopped = 'bail';
                for (const [s, f] of inFlight) if (s >= limit) f.abort.abort();
              }
              pump();
            },
            (e: unknown) => {
              inFlight.delete(start);
              if (!abort.signal.aborted && error === null) error = e;
              pump();
            },
          );
        }
        if (inFlight.size === 0) resolve();
      };
      pump();
    });
  } finally {
    await pool.destroy();
  }
  if (error !== null) throw error;
  return { end: Math.min(limit, size), stopped: limit < size ? stopped : null };
}
