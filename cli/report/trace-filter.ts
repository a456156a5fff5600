/**
 * Filters of the text trace: `--task NAME` (repeatable; `NAME*` is a prefix), `--block ID`
 * (`7` every generation of block 7, `7.3` one generation: the ids messages use),
 * `--from T --to T` (virtual seconds) and `--around-failure N` (N steps either side of
 * the first violation). Different filters narrow together; repeats of one widen it.
 */
import { InputError } from '../../harness/input-error.ts';
import type { DocEvent, TraceDoc } from './trace-doc-types.ts';

/** The raw flags, as commander gives them. */
export interface TraceFilterFlags {
  task?: string[];
  block?: string[];
  from?: string;
  to?: string;
  aroundFailure?: string;
}

/** A parsed filter. Empty lists and nulls filter nothing. */
export interface TraceFilter {
  /** Exact task names, or prefixes (from `NAME*`). */
  readonly tasks: readonly { readonly name: string; readonly prefix: boolean }[];
  readonly blocks: readonly { readonly id: number; readonly gen: number | null }[];
  readonly fromUs: number | null;
  readonly toUs: number | null;
  readonly around: number | null;
}

const SECONDS = /^\d+(\.\d+)?$/;

function seconds(flag: string, s: string): number {
  if (!SECONDS.test(s)) throw new InputError(`${flag}: "${s}" is not a number of virtual seconds (e.g. 30.5)`);
  return Math.round(Number(s) * 1_000_000);
}

/** Whether any filter flag was given. */
export function hasTraceFilter(f: TraceFilterFlags): boolean {
  return (f.task?.length ?? 0) > 0 || (f.block?.length ?? 0) > 0 || f.from !== undefined || f.to !== undefined || f.aroundFailure !== undefined;
}

/**
 * Parses the filter flags (before any work). They filter the text trace only: with
 * another `--trace` (or none) they are bad input.
 */
export function parseTraceFilter(f: TraceFilterFlags, trace: string | null): TraceFilter | null {
  if (!hasTraceFilter(f)) return null;
  if (trace !== 'text') {
    const flag = (f.task?.length ?? 0) > 0 ? '--task' : (f.block?.length ?? 0) > 0 ? '--block' : f.from !== undefined ? '--from' : f.to !== undefined ? '--to' : '--around-failure';
    throw new InputError(`${flag}: filters the text trace; give --trace text (json and html always hold the whole trace)`);
  }
  const tasks = (f.task ?? []).map((t) => {
    if (t === '' || t === '*') throw new InputError(`--task: "${t}" names no task; give a task name, or a prefix ending in * (e.g. agent-1*)`);
    return t.endsWith('*') ? { name: t.slice(0, -1), prefix: true } : { name: t, prefix: false };
  });
  const blocks = (f.block ?? []).map((b) => {
    const m = /^(\d+)(?:\.(\d+))?$/.exec(b);
    if (m === null) throw new InputError(`--block: "${b}" is not a block id: give ID (every generation) or ID.GEN, as messages name blocks (e.g. 7 or 7.3)`);
    return { id: Number(m[1]), gen: m[2] === undefined ? null : Number(m[2]) };
  });
  const fromUs = f.from === undefined ? null : seconds('--from', f.from);
  const toUs = f.to === undefined ? null : seconds('--to', f.to);
  if (fromUs !== null && toUs !== null && fromUs > toUs) throw new InputError(`--from: ${f.from} is after --to ${f.to}`);
  let around: number | null = null;
  if (f.aroundFailure !== undefined) {
    if (!/^\d+$/.test(f.aroundFailure) || Number(f.aroundFailure) > 10_000_000) throw new InputError(`--around-failure: "${f.aroundFailure}" is not a number of steps (0..10000000)`);
    around = Number(f.aroundFailure);
  }
  return { tasks, blocks, fromUs, toUs, around };
}

/**
 * The events a filter keeps, in trace order. A filter that names something the run does
 * not have (a task, a block, a failure) is bad input, said in one line.
 */
export function filterEvents(doc: TraceDoc, f: TraceFilter): DocEvent[] {
  const taskIds = matchTasks(doc, f);
  checkBlocks(doc, f);
  let steps: { lo: number; hi: number } | null = null;
  if (f.around !== null) {
    const anchor = doc.failure === null ? undefined : doc.events[doc.failure.anchor];
    if (anchor === undefined) throw new InputError('--around-failure: this case has no failure to centre on (it passed)');
    steps = { lo: anchor.step - f.around, hi: anchor.step + f.around };
  }
  return doc.events.filter(
    (e) =>
      (taskIds === null || taskIds.has(e.task)) &&
      (f.blocks.length === 0 || (e.res !== undefined && f.blocks.some((b) => b.id === e.res?.id && (b.gen === null || b.gen === e.res.gen)))) &&
      (f.fromUs === null || e.t >= f.fromUs) &&
      (f.toUs === null || e.t <= f.toUs) &&
      (steps === null || (e.step >= steps.lo && e.step <= steps.hi)),
  );
}

function matchTasks(doc: TraceDoc, f: TraceFilter): Set<number> | null {
  if (f.tasks.length === 0) return null;
  const ids = new Set<number>();
  for (const p of f.tasks) {
    const hit = doc.tasks.filter((t) => (p.prefix ? t.name.startsWith(p.name) : t.name === p.name));
    if (hit.length === 0) throw new InputError(`--task: no task ${p.prefix ? `name starts with "${p.name}"` : `is named "${p.name}"`} in this run (end a prefix with *, e.g. agent-1*)`);
    for (const t of hit) ids.add(t.id);
  }
  return ids;
}

function checkBlocks(doc: TraceDoc, f: TraceFilter): void {
  for (const b of f.blocks) {
    if (!doc.resources.some((r) => r.id === b.id && (b.gen === null || r.gen === b.gen))) {
      throw new InputError(`--block: this run has no block ${b.gen === null ? b.id : `${b.id}.${b.gen}`}`);
    }
  }
}
