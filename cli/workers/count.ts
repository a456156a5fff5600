/**
 * `--workers N|auto`: how many worker threads a sweep runs on. `auto` (the default) uses
 * every core (`os.availableParallelism()`), at most one per 75 runs, when the sweep has
 * enough runs to pay for the threads (each loads the sources and warms its own JIT up: about 2 s of CPU per thread,
 * measured) and the cores are not already busy with other work (then extra threads get no
 * extra CPU: measured slower at every size), else this thread alone. A number above the
 * cores is capped with a warning. The report never depends on it.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parsePositiveInt } from '../args.ts';
import type { Io } from '../io.ts';

/**
 * Below this many runs `auto` stays on one thread. Measured on 2 cores: a run of the
 * default scenario set costs about 32 ms of CPU and each worker about 2.2 s before it pays
 * (loading, its own JIT warm-up), so two workers win once a sweep has about 140 runs.
 */
export const AUTO_MIN_RUNS = 150;

/**
 * Runs each extra worker needs to pay for itself (from the same measurement: a worker's
 * 2.2 s against 32 ms a run), so `auto` uses at most runs ÷ this many threads: a 1,400-run
 * sweep gets 18 threads on a 64-core machine, not 64 (each with its own heap and JIT).
 */
export const AUTO_RUNS_PER_WORKER = AUTO_MIN_RUNS / 2;

/** At a load average of this many runnable tasks per core the machine is busy: `auto` stays on one thread. */
export const BUSY_LOAD_PER_CORE = 2;

/** What `--workers` asked for. */
export interface WorkersFlag {
  /** A number of threads, or `auto`. */
  readonly asked: number | 'auto';
  /** The warning to print once every input is validated, if any. */
  readonly warning: string | null;
}

/** Parses `--workers` (undefined: auto), capping a number at the available parallelism. */
export function parseWorkers(s: string | undefined, cores = availableParallelism()): WorkersFlag {
  if (s === undefined || s === 'auto') return { asked: 'auto', warning: null };
  const asked = parsePositiveInt('--workers', s, 256);
  if (asked <= cores) return { asked, warning: null };
  return { asked: cores, warning: `dst: warning: --workers ${asked} is more than the ${cores} available core${cores === 1 ? '' : 's'}; using ${cores}` };
}

/** The threads chosen for a sweep, and why `auto` chose one thread (null when it did not, or when a number was given). */
export interface WorkersChoice {
  readonly workers: number;
  readonly why: string | null;
}

/** The threads to use for a sweep of `runs` runs (null: unknown, a budget decides: many). */
export function workersFor(flag: WorkersFlag, runs: number | null, cores = availableParallelism(), load = loadavg()[0] ?? 0): WorkersChoice {
  if (flag.asked !== 'auto') return { workers: flag.asked, why: null };
  if (cores < 2) return { workers: 1, why: null };
  if (runs !== null && runs < AUTO_MIN_RUNS) return { workers: 1, why: null };
  if (load >= BUSY_LOAD_PER_CORE * cores) return { workers: 1, why: `one thread: the ${cores} cores are busy (load average ${load.toFixed(1)}); --workers ${cores} to use them anyway` };
  return { workers: runs === null ? cores : Math.min(cores, Math.floor(runs / AUTO_RUNS_PER_WORKER)), why: null };
}

/** Prints the `--workers` warning, if any, on stderr. */
export function warnWorkers(w: WorkersFlag, io: Io): void {
  if (w.warning !== null) io.stderr.write(`${w.warning}\n`);
}
