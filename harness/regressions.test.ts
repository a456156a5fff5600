/**
 * `npm test` replays every regression file: the outcome and the trace hash must not change.
 */
import { basename, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRegression, REGRESSION_DIR, regressionFiles } from './regressions.ts';

describe('regression corpus (fixtures/regressions)', () => {
  const files = regressionFiles();
  it('is not empty', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(relative(REGRESSION_DIR, file), async () => {
      const c = await checkRegression(file);
      expect(c.outcomeMatches, `${basename(file)}: expected ${c.repro.expect}, got ${c.actual}: ${c.report.message ?? ''}`).toBe(true);
      expect(
        c.report.traceHash,
        `${basename(file)}: trace hash changed (outcome unchanged). If the engine or kernel change is intended, run \`npm run regressions:accept\` and commit the new hashes.`,
      ).toBe(c.repro.traceHash);
    });
  }
});
