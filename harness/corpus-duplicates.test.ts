/**
 * The regression corpus keeps one file per bug and variant. Two failing files of one
 * variant with the same signature replay the same bug twice: CI time for nothing, and
 * usually a file that does not test what its name says (v2-cancel-before-enqueue was one:
 * its scenario never cancels before the enqueue, so it shows V3). Such a pair fails this
 * test unless the extra file is listed below with its reason. The same bug on several
 * variants is the point of the corpus (a backport matrix) and is only printed.
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_TARGET } from '../targets/bulk-engine/testing.ts';
import { coveredSignatures } from './corpus-signatures.ts';
import { REGRESSION_DIR } from './regressions.ts';

/** Files allowed to repeat a bug another file of their variant already covers, and why. */
const KNOWN_DUPLICATES: Readonly<Record<string, string>> = {
  'tiny-pre-fix-explore.json': "dst explore's own output on tiny (a decision list found by exhaustive search): it pins the decision-list kind of repro file",
  'v2-cancel-before-enqueue-pre-fix-0.json': 'its scenario never reaches V2 (no seed in 0..199 cancels before the enqueue): it shows V3; kept so its trace hash stays pinned, v2-wait-to-enqueue-pre-fix-0 covers V2',
};

describe('regression corpus signatures', () => {
  it('has one failing file per bug and variant (or a listed reason)', async () => {
    const files = (await coveredSignatures(REGRESSION_DIR, ENGINE_TARGET)).filter((f) => f.primary !== null);
    const groups = new Map<string, string[]>();
    for (const f of files) {
      const key = `${f.variant} | ${f.primary}`;
      groups.set(key, [...(groups.get(key) ?? []), basename(f.file)]);
    }
    const bySignature = new Map<string, Set<string>>();
    for (const f of files) bySignature.set(f.primary as string, (bySignature.get(f.primary as string) ?? new Set()).add(f.variant));
    const shared = [...bySignature].filter(([, vs]) => vs.size > 1);
    if (shared.length > 0) console.log(`corpus signatures seen on several variants:\n${shared.map(([s, vs]) => `  ${s}: ${[...vs].join(', ')}`).join('\n')}`);
    const duplicates = [...groups].filter(([, fs]) => fs.length > 1);
    if (duplicates.length > 0) console.log(`corpus files sharing a signature on one variant:\n${duplicates.map(([k, fs]) => `  ${k}: ${fs.join(', ')}`).join('\n')}`);
    const unexplained = duplicates.map(([k, fs]) => [k, fs.filter((f) => KNOWN_DUPLICATES[f] === undefined)] as const).filter(([, fs]) => fs.length > 1);
    expect(unexplained, 'files of one variant with one signature: delete one, or list it in KNOWN_DUPLICATES with a reason').toEqual([]);
    for (const name of Object.keys(KNOWN_DUPLICATES)) expect(duplicates.some(([, fs]) => fs.includes(name)), `${name} is listed as a duplicate but is not one any more`).toBe(true);
  }, 60_000);
});
