/**
 * The regression corpus: every file in fixtures/regressions/ replayed and compared
 * with its expected outcome and trace hash.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCase, type CaseReport } from './case.ts';
import { meetsExpectation, readRepro, reproCase, type Repro } from './repro.ts';

/** The corpus folder. */
export const REGRESSION_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/regressions');

/** Paths of every regression file, sorted. */
export function regressionFiles(dir = REGRESSION_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** The result of replaying one regression file. */
export interface RegressionCheck {
  readonly file: string;
  readonly repro: Repro;
  readonly report: CaseReport;
  /** The first failing property, or `pass`. */
  readonly actual: string;
  /** `pass` expected and passed, or the expected property is among the violations. */
  readonly outcomeMatches: boolean;
  readonly hashMatches: boolean;
}

/** Replays one regression file. */
export function checkRegression(file: string): RegressionCheck {
  const repro = readRepro(file);
  const report = runCase(reproCase(repro, file)).report;
  const actual = report.property ?? 'pass';
  return { file, repro, report, actual, outcomeMatches: meetsExpectation(report, repro.expect), hashMatches: report.traceHash === repro.traceHash };
}
