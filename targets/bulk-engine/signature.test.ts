/**
 * The bulk engine's signatures come from typed facts and separate the corpus's bug
 * classes: a cancel after enqueue, a flush-level and an item-level error, a validation
 * error, a caller that never returns; a stuck task names its blocking site.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from '../../harness/case.ts';
import { checkRegression, REGRESSION_DIR } from '../../harness/regressions.ts';
import { engineCase } from './testing.ts';

const sigs = async (file: string) => Object.keys((await checkRegression(`${REGRESSION_DIR}/${file}`)).report.signatureCounts);

describe('bulk-engine signatures', () => {
  it('name the operation, the path that dropped the block and its last transfer', async () => {
    expect(await sigs('v3-cancel-after-enqueue-pre-fix-0.json')).toEqual(['block-lifecycle: ReadRaw: context canceled without free, after enqueue; last answer by flushRead']);
    expect(await sigs('v1-validation-error-upstream-0.json')).toEqual(['block-lifecycle: Update: validation error without free; last acquire']);
    expect(await sigs('v4-flush-level-error-upstream-0.json')).toEqual(['block-lifecycle: ReadRaw: error response without free; last answer by failQueue']);
    expect(await sigs('v5-item-level-error-upstream-0.json')).toEqual(['block-lifecycle: ReadRaw: error response without free; last answer by flushRead']);
    expect(await sigs('v6-enrollment-duplicate-upstream-0.json')).toEqual(['block-lifecycle: Search: error response without free; last answer by flushEnrollSearch']);
  });

  it('a stuck task names its blocking site with ids normalised; its blocks say the caller never returned', async () => {
    expect(await sigs('v7b-shutdown-never-cancelled-upstream-0.json')).toEqual([
      'no-stuck-tasks: deadlock: bg-caller-* select on [recv blk*.ch, recv nil, recv nil]',
      'block-lifecycle: Search: caller never returned; last enqueue',
    ]);
  });

  it("the API-key flush's read of next after the send is one signature, whatever the seed", () => {
    for (const seed of [0, 1, 2]) {
      const r = runCase(engineCase({ scenario: 'policy-change', variant: 'upstream', seed })).report;
      expect(Object.keys(r.signatureCounts)).toContain('use-after-free: flush-*-apiKeyUpdate touched next');
    }
  });

  it('every violation of a run carries a signature, and the counts add up', () => {
    const r = runCase(engineCase({ scenario: 'checkin-storm', variant: 'pre-fix', seed: 0 })).report;
    expect(r.violations.every((v) => typeof v.signature === 'string' && v.signature.startsWith(`${v.property}: `))).toBe(true);
    const total = (o: Readonly<Record<string, number>>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(total(r.signatureCounts)).toBe(total(r.violationCounts));
    expect(Object.keys(r.signatureCounts)).toContain('block-lifecycle: ReadRaw: context canceled without free, after enqueue; last answer by flushRead');
  });
});
