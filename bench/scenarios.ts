/**
 * Tool-level measurements for `npm run bench` (DESIGN §8): the `incident` scenario's wall
 * time, memory and speed-up over virtual time, and how soon a pre-fix sweep meets its
 * first failing seed. Timing here is the bench's own, outside any simulation.
 */
import { runCase } from '../harness/case.ts';
import { runSweep } from '../harness/sweep.ts';
import { ENGINE_TARGET, engineCase } from '../targets/bulk-engine/testing.ts';

/** Results of the tool-level measurements. */
export interface ScenarioBench {
  readonly incidentWallS: number;
  readonly incidentVirtualS: number;
  /** Virtual seconds simulated per wall second. */
  readonly incidentSpeedup: number;
  readonly incidentSteps: number;
  readonly incidentHeapMB: number;
  /** Wall seconds from the start of a pre-fix sweep (default scenarios) to its first failing seed, in process. */
  readonly preFixFirstFailureS: number;
}

/** Runs the measurements. */
export function scenarioBench(): ScenarioBench {
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now(); // determinism-ok: bench timing
  const r = runCase(engineCase({ scenario: 'incident', variant: 'upstream', seed: 0 })).report;
  const wall = (performance.now() - t0) / 1000; // determinism-ok: bench timing
  const heap = (process.memoryUsage().heapUsed - before) / 1e6;
  const t1 = performance.now(); // determinism-ok: bench timing
  let first = -1;
  try {
    runSweep(ENGINE_TARGET, { target: 'bulk-engine', scenarios: ['smoke', 'checkin-storm'], variant: 'pre-fix', strategy: 'random', seeds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], swarm: false, checkDeterminism: false }, (c) => {
      if (!c.passed && first < 0) {
        first = (performance.now() - t1) / 1000; // determinism-ok: bench timing
        throw new StopSweep();
      }
    });
  } catch (e) {
    if (!(e instanceof StopSweep)) throw e;
  }
  return {
    incidentWallS: round(wall),
    incidentVirtualS: round(r.virtualTimeUs / 1e6),
    incidentSpeedup: round(r.virtualTimeUs / 1e6 / wall),
    incidentSteps: r.steps,
    incidentHeapMB: Math.round(Math.max(0, heap)),
    preFixFirstFailureS: round(first),
  };
}

class StopSweep extends Error {}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
