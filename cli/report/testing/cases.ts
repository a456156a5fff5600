/**
 * The real failures the trace renderers are tested on: the v3 regression (17 steps) and
 * checkin-storm seed 0 on pre-fix (28k events), each run once per test file.
 */
import { runCase, type CaseRun } from '../../../harness/case.ts';
import { readRepro, reproCase } from '../../../harness/repro.ts';
import { ENGINE_TARGET, engineCase } from '../../../targets/bulk-engine/testing.ts';

/** The regression file of the incident's bug (cancel after enqueue, pre-fix). */
export const V3_FILE = 'fixtures/regressions/v3-cancel-after-enqueue-pre-fix-0.json';

/** Replays a repro file with its whole trace kept. */
export function runReproFile(file: string): CaseRun {
  return runCase({ ...reproCase(readRepro(file), file, ENGINE_TARGET), keepTrace: true });
}

/** The v3 regression case, with its trace. */
export function v3Run(): CaseRun {
  return runReproFile(V3_FILE);
}

/** checkin-storm seed 0 on pre-fix, with its trace. */
export function stormRun(): CaseRun {
  return runCase(engineCase({ scenario: 'checkin-storm', variant: 'pre-fix', seed: 0, keepTrace: true }));
}
