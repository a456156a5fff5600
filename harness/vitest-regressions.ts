/**
 * A regression corpus as a vitest suite: every repro file in a folder replayed, its
 * outcome and trace hash compared with the file's. The shape `npm test` uses for
 * `fixtures/regressions/`, offered to targets that live outside this package.
 */
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from './case.ts';
import { regressionFiles } from './regressions.ts';
import { meetsExpectation, readRepro, reproCase, reproTarget } from './repro.ts';

/** Options of {@link regressionSuite}. */
export interface RegressionSuiteOptions {
  /** The target module the files are for (a path, or a shipped name); default: each file's own shipped target. */
  readonly target?: string;
  /** vitest timeout per file in ms (default 60 s). */
  readonly timeout?: number;
}

/** Declares one vitest test per repro file under `dir` (recursively). */
export function regressionSuite(dir: string, o: RegressionSuiteOptions = {}): void {
  const root = resolve(dir);
  describe(`regressions in ${dir}`, () => {
    const files = regressionFiles(root);
    it('the folder holds repro files', () => expect(files.length).toBeGreaterThan(0));
    for (const file of files) {
      it(
        relative(root, file),
        async () => {
          const repro = readRepro(file);
          const report = runCase(reproCase(repro, file, await reproTarget(repro, file, o.target))).report;
          expect(meetsExpectation(report, repro.expect, repro.signature), `expected ${repro.expect}, got ${report.property ?? 'pass'}: ${report.message ?? ''}`).toBe(true);
          expect(report.traceHash, 'trace hash changed (outcome unchanged): if intended, rewrite the file\'s traceHash').toBe(repro.traceHash);
        },
        o.timeout ?? 60_000,
      );
    }
  });
}
