/**
 * The shrinker keeps the bug (its signature, not only its property), never returns a
 * case with more steps or decisions than its input, stops within its run budget, and its
 * output replays exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signatureOf } from '../properties/signature.ts';
import { parseScenario } from '../scenario/load.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';
import { runCase, type CaseSpec } from './case.ts';
import { shrinkCase } from './shrink.ts';

const small = parseScenario(
  {
    name: 'shrink-me',
    durationS: 3,
    drainS: 30,
    workload: { agents: 4, startSpreadS: 0.5, backgroundMultiUpdateEveryS: 0, unknownAgents: 0.3, checkin: { disconnect: 0.5, disconnectAfterS: { min: 0, max: 1 }, longPollS: { min: 0.5, max: 1 } } },
  },
  'shrink-me',
);

const shows = (spec: CaseSpec, signature: string) => runCase(spec).report.violations.some((v) => signatureOf(v) === signature);

describe('shrinkCase', () => {
  it('keeps the signature, needs no more non-first choices, and the result replays exactly', () => {
    let seed = 0;
    let spec: CaseSpec = engineCase({ scenario: small, variant: 'pre-fix', seed });
    while (runCase(spec).report.passed) spec = { ...spec, strategy: { kind: 'random', seed: ++seed } };
    const original = runCase(spec).report;
    const r = shrinkCase(spec, { maxRuns: 150 });
    expect(r.signature).toBe(signatureOf(original.violations[0] as never));
    expect(r.after.nonZero).toBeLessThanOrEqual(r.before.nonZero);
    const replayed = runCase({ ...spec, config: r.config, strategy: { kind: 'decisions', decisions: r.decisions } }).report;
    expect(replayed.traceHash).toBe(r.report.traceHash);
    expect(replayed.violations.some((v) => signatureOf(v) === r.signature)).toBe(true);
  }, 60_000);

  it('never returns more steps or decisions than its input, keeps the signature, and stays within --max-runs (property)', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.constantFrom<'pre-fix' | 'upstream'>('pre-fix', 'upstream'), fc.integer({ min: 1, max: 40 }), (seed, variant, maxRuns) => {
        const spec = engineCase({ scenario: small, variant, seed });
        const input = runCase(spec).report;
        fc.pre(!input.passed);
        const r = shrinkCase(spec, { maxRuns });
        expect(r.runs).toBeLessThanOrEqual(maxRuns);
        expect(r.after.steps).toBeLessThanOrEqual(input.steps);
        expect(r.after.decisions).toBeLessThanOrEqual(input.decisions);
        expect(r.signature).toBe(signatureOf(input.violations[0] as never));
        expect(shows({ ...spec, config: r.config, strategy: { kind: 'decisions', decisions: r.decisions } }, r.signature)).toBe(true);
      }),
      { numRuns: 12, seed: 11 },
    );
  }, 120_000);

  it('a signature given keeps that bug, even when the case shows a more severe one first', () => {
    const spec = engineCase({ scenario: small, variant: 'pre-fix', seed: 3 });
    const sigs = Object.keys(runCase(spec).report.signatureCounts);
    const last = sigs[sigs.length - 1] as string;
    const r = shrinkCase(spec, { maxRuns: 60, signature: last });
    expect(r.signature).toBe(last);
    expect(r.report.violations.some((v) => signatureOf(v) === last)).toBe(true);
  }, 60_000);

  it("shrinking the pre-fix checkin-storm seed-0 case keeps its 'context canceled without free' signature and ends with fewer steps", () => {
    const spec = engineCase({ scenario: 'checkin-storm', variant: 'pre-fix', seed: 0 });
    const r = shrinkCase(spec, { maxRuns: 120 });
    expect(r.signature).toBe('block-lifecycle: Search: context canceled without free, after enqueue; last answer by flushSearch');
    expect(r.after.steps).toBeLessThan(r.before.steps);
    expect(r.after.decisions).toBeLessThan(r.before.decisions);
    expect(r.configChanged).toBe(true);
  }, 120_000);
});
