/**
 * The shrinker keeps the failure and makes the schedule simpler; its output replays.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/load.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';
import { runCase, type CaseSpec } from './case.ts';
import { shrinkCase } from './shrink.ts';

describe('shrinkCase', () => {
  it('keeps the failing property, needs no more non-first choices, and the result replays exactly', () => {
    const scenario = parseScenario(
      {
        name: 'shrink-me',
        durationS: 3,
        drainS: 30,
        workload: { agents: 4, startSpreadS: 0.5, backgroundMultiUpdateEveryS: 0, checkin: { disconnect: 0.5, disconnectAfterS: { min: 0, max: 1 }, longPollS: { min: 0.5, max: 1 } } },
      },
      'shrink-me',
    );
    let seed = 0;
    let spec: CaseSpec = engineCase({ scenario, variant: 'pre-fix', seed });
    while (runCase(spec).report.passed) spec = { ...spec, strategy: { kind: 'random', seed: ++seed } };
    const original = runCase(spec).report;
    const r = shrinkCase(spec, { maxRuns: 150 });
    expect(r.property).toBe(original.property);
    expect(r.nonZeroAfter).toBeLessThanOrEqual(r.nonZeroBefore);
    expect(r.report.violations.some((v) => v.property === r.property)).toBe(true);
    const replayed = runCase({ ...spec, strategy: { kind: 'decisions', decisions: r.decisions } }).report;
    expect(replayed.traceHash).toBe(r.report.traceHash);
    expect(replayed.violations.some((v) => v.property === r.property)).toBe(true);
  }, 60_000);
});
