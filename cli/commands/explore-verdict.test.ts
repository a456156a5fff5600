/**
 * The verdict line of an exhausted exploration: green only where the search covered its
 * whole space; yellow, "not a proof", where the reduction has a gap (a preemption bound and
 * a fairness bound: cli/contract.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ExploreReport } from '../../harness/explore.ts';
import { exploredCompletely, exploreLines, type Explored } from './explore.ts';

function exhausted(over: Partial<Explored> = {}, report: Partial<ExploreReport> = {}): Explored {
  const r: ExploreReport = {
    target: 'bulk-engine', scenario: 's', variant: 'hardened', bound: Number.POSITIVE_INFINITY, maxSchedules: 100, reduction: 'dpor',
    schedules: 10, classes: 10, redundant: 0, exhausted: true, passed: true, wallMs: 1, limit: null, failingSchedules: 0, violated: [], failure: null, ...report,
  };
  return { report: r, timeSlip: false, fairnessBound: null, saved: null, replay: '', ...over };
}

const io = { stdout: { isTTY: false, write: () => true }, stderr: { write: () => true } } as never;

describe('the verdict of an exhausted exploration', () => {
  it('is green for the reduction without a bound or a fairness bound, with or without time slips: every interleaving', () => {
    for (const timeSlip of [false, true]) {
      const e = exhausted({ timeSlip });
      expect(exploredCompletely(e)).toBe(true);
      expect(exploreLines(e, io)[1]).toMatch(/^no violation: every property holds on every interleaving \(one schedule run per class of equivalent ones\)/);
    }
  });

  it('is "not a proof" for the reduction under a fairness bound', () => {
    const e = exhausted({ fairnessBound: 64 });
    expect(exploredCompletely(e)).toBe(false);
    expect(exploreLines(e, io)[1]).toMatch(/^no violation in the schedules explored; not a proof: under the target's fairness bound \(64\)/);
  });

  it('is green for plain DFS with time slips within its bound', () => {
    const e = exhausted({ timeSlip: true }, { reduction: 'none', bound: 2, classes: null });
    expect(exploredCompletely(e)).toBe(true);
    expect(exploreLines(e, io)[1]).toMatch(/^no violation: every property holds on every schedule within 2 preemptions/);
  });
});
