/**
 * The regression corpus: every file in fixtures/regressions/ (subfolders included)
 * replayed and compared with its expected outcome and trace hash.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCase, type CaseReport } from './case.ts';
import { meetsExpectation, readRepro, reproCase, reproTarget, type Repro } from './repro.ts';

/** The corpus folder. */
export const REGRESSION_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/regressions');

/** Paths of every regression file under `dir` (recursively), sorted. */
export function regressionFiles(dir = REGRESSION_DIR): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...regressionFiles(join(dir, e.name)));
    else if (e.isFile() && e.name.endsWith('.json')) out.push(join(dir, e.name));
  }
  return out.sort();
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

/** Replays one regression file (its target must be shipped). */
export async function checkRegression(file: string): Promise<RegressionCheck> {
  const repro = readRepro(file);
  const target = await reproTarget(repro, file);
  const report = runCase(reproCase(repro, file, target)).report;
  const actual = report.property ?? 'pass';
  return { file, repro, report, actual, outcomeMatches: meetsExpectation(report, repro.expect, repro.signature), hashMatches: report.traceHash === repro.traceHash };
}
