/**
 * `dst run --save DIR`: one repro file per distinct bug (its smallest run), named by its
 * signature, and none for a bug DIR already covers. Each case is re-run before it is
 * written, so a saved file is known to show its bug.
 */
import { coveredSignatures } from '../../harness/corpus-signatures.ts';
import { smallestSpec } from '../../harness/bug-case.ts';
import type { Bug } from '../../harness/bugs.ts';
import { runCase } from '../../harness/case.ts';
import { filePrefix } from '../../harness/commands.ts';
import { makeRepro } from '../../harness/repro.ts';
import type { LoadedTarget } from '../../harness/targets.ts';
import { signatureOf } from '../../properties/signature.ts';
import { writeInside } from '../files.ts';

/** What `--save` did. */
export interface SaveResult {
  readonly saved: readonly string[];
  /** Bugs skipped, each with the file that already covers it. */
  readonly skipped: ReadonlyArray<{ readonly signature: string; readonly file: string }>;
}

/** A file name for a signature: lower-case words joined by `-` (at most 90 characters), then 8 hex digits of its hash. */
export function signatureFileName(signature: string): string {
  let slug = '';
  for (const ch of signature.toLowerCase()) {
    const keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (keep) slug += ch;
    else if (slug.length > 0 && !slug.endsWith('-')) slug += '-';
    if (slug.length >= 90) break;
  }
  while (slug.endsWith('-')) slug = slug.slice(0, -1);
  return `${slug}-${fnv1a(signature)}`;
}

/** 32-bit FNV-1a of a string, as 8 hex digits. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The signatures the repro files in `dir` already cover, each with the first file that does. */
export async function coveredIn(dir: string, target: LoadedTarget): Promise<Map<string, string>> {
  const covered = new Map<string, string>();
  for (const f of await coveredSignatures(dir, target)) for (const s of f.signatures) if (!covered.has(s)) covered.set(s, f.file);
  return covered;
}

/**
 * Writes one file per bug not covered in `dir` before the sweep (`covered`, from
 * {@link coveredIn}); a file the sweep already wrote for the bug is replaced by its
 * smallest run.
 */
export async function saveBugs(dir: string, bugs: readonly Bug[], target: LoadedTarget, procs: number, before: ReadonlyMap<string, string>): Promise<SaveResult> {
  const covered = new Map(before);
  const saved: string[] = [];
  const skipped: Array<{ signature: string; file: string }> = [];
  for (const b of bugs) {
    const have = covered.get(b.signature);
    if (have !== undefined) {
      skipped.push({ signature: b.signature, file: have });
      continue;
    }
    const spec = smallestSpec(target, b, procs);
    if (spec === null) continue;
    const report = runCase(spec).report;
    if (!report.violations.some((v) => signatureOf(v) === b.signature)) throw new Error(`--save: the smallest run of ${b.signature} did not show it again`);
    const repro = { ...makeRepro(spec, report, `smallest run of a bug found by dst run (${b.runs} runs): ${b.message}`), expect: b.property, signature: b.signature };
    const file = writeInside(dir, `${filePrefix(target.target.name)}${signatureFileName(b.signature)}.json`, `${JSON.stringify(repro, null, 2)}\n`);
    saved.push(file);
    covered.set(b.signature, file);
  }
  return { saved, skipped };
}
