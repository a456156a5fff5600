/**
 * Which bugs a folder of repro files already covers: a file's `signature` when it has
 * one, else the signatures its replay shows (older files name no bug). Files of other
 * targets, and files that are not repro files, are left out.
 */
import { existsSync } from 'node:fs';
import { signatureOf } from '../properties/signature.ts';
import { runCase } from './case.ts';
import { regressionFiles } from './regressions.ts';
import { readRepro, reproCase, reproTarget } from './repro.ts';
import { DEFAULT_TARGET, type LoadedTarget } from './targets.ts';

/** One covered file. */
export interface CoveredFile {
  readonly file: string;
  readonly variant: string;
  /** `pass`, or the expected property. */
  readonly expect: string;
  /** The file's own signature, or (none stored) every signature its replay shows. */
  readonly signatures: readonly string[];
  /** The bug the file is for: its own signature, or its replay's first (most severe); null when it passes. */
  readonly primary: string | null;
  /** Whether the signatures were stored in the file (true) or learnt by replaying it. */
  readonly stored: boolean;
}

/** The repro files under `dir` (recursively) for `target`, with the bugs each covers. */
export async function coveredSignatures(dir: string, target: LoadedTarget): Promise<CoveredFile[]> {
  if (!existsSync(dir)) return [];
  const out: CoveredFile[] = [];
  for (const file of regressionFiles(dir)) {
    let repro;
    try {
      repro = readRepro(file);
    } catch {
      continue; // not a repro file
    }
    if ((repro.target ?? DEFAULT_TARGET) !== target.target.name) continue;
    if (repro.signature !== undefined) {
      out.push({ file, variant: repro.variant, expect: repro.expect, signatures: [repro.signature], primary: repro.signature, stored: true });
      continue;
    }
    try {
      const report = runCase(reproCase(repro, file, await reproTarget(repro, file, target.shipped ? undefined : target.ref))).report;
      const sigs = [...new Set(report.violations.map(signatureOf))];
      out.push({ file, variant: repro.variant, expect: repro.expect, signatures: sigs, primary: sigs[0] ?? null, stored: false });
    } catch {
      continue; // a file this target cannot replay covers nothing
    }
  }
  return out;
}
