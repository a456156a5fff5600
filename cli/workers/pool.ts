/**
 * Worker threads for sweeps (piscina, TypeScript through tsx). A slice that is no longer
 * needed (after `--bail`'s first failure) is aborted: piscina drops it from the queue, or
 * ends the thread running it.
 */
import { Piscina } from 'piscina';
import type { UnitResult } from '../sweep/run-unit.ts';
import type { SliceTask } from './worker.ts';

/** A fixed number of worker threads. */
export class WorkerPool {
  private readonly pool: Piscina;

  constructor(readonly threads: number) {
    this.pool = new Piscina({
      // A JS entry that registers tsx in the worker thread: `--import tsx` in execArgv hooks
      // static imports only, and target modules are imported dynamically.
      filename: new URL('./entry.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
    });
  }

  /** Runs one slice; rejects with an AbortError when `signal` aborts first. */
  run(task: SliceTask, signal: AbortSignal): Promise<UnitResult[]> {
    return this.pool.run(task, { signal }) as Promise<UnitResult[]>;
  }

  /** Ends every thread. */
  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
