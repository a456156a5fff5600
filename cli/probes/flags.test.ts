/**
 * Issue 13, item 6: flags that used to be silently ignored or to write files dst then
 * rejects. `replay --note` needs `--save`; a note over 2,000 characters is refused up
 * front; shrink's composed note is clipped, so its file reads back; a shard that selects
 * no seed (`--shard 5/5` over 3 seeds) is bad input, not a run that "passed".
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipNote, MAX_NOTE, readRepro } from '../../harness/repro.ts';
import { runCli } from '../testing/run-cli.ts';
import { expectBadInput, scratch } from './scratch.ts';

const REPRO = join(import.meta.dirname, '../../fixtures/regressions/v3-cancel-after-enqueue-pre-fix-0.json');

describe('flags that were silently ignored', () => {
  it('replay --note without --save is bad input (it was ignored)', async () => {
    expectBadInput(await runCli(['replay', '--seed', '1', '--scenario', 'tiny', '--note', 'why']), /^dst: --note: it is written into the repro file; give --save DIR too$/);
  });

  it('a --note over 2,000 characters is refused before anything runs or is written', async () => {
    const dir = join(scratch('note'), 'save');
    expectBadInput(await runCli(['replay', '--seed', '1', '--scenario', 'tiny', '--save', dir, '--note', 'x'.repeat(MAX_NOTE + 1)]), /^dst: --note: 2001 characters is longer than 2000$/);
    expect(() => readdirSync(dir)).toThrow();
  });

  it('--shard 5/5 over 3 seeds selects nothing: bad input, not "passed"', async () => {
    expectBadInput(await runCli(['run', '--scenario', 'tiny', '--seeds', '0..2', '--shard', '5/5']), /^dst: --shard: 5\/5 selects no seed of 0\.\.2 \(3 seeds\); use at most 3 shards$/);
    const ok = await runCli(['run', '--scenario', 'tiny', '--variant', 'hardened', '--seeds', '0..2', '--shard', '3/3', '--json']);
    expect((JSON.parse(ok.stdout) as { runs: number }).runs).toBe(1);
  });
});

describe('notes dst composes itself fit in the file it writes', () => {
  it('shrink prepends to a 2,000-character note and the shrunk file still reads back', async () => {
    const dir = scratch('shrink-note');
    const long = join(dir, 'long-note.json');
    writeFileSync(long, JSON.stringify({ ...(JSON.parse(readFileSync(REPRO, 'utf8')) as object), note: 'n'.repeat(MAX_NOTE) }));
    const r = await runCli(['shrink', long, '--json']);
    expect(r.code).toBe(0);
    const out = (JSON.parse(r.stdout) as { saved: string }).saved;
    const shrunk = readRepro(out);
    expect(shrunk.note.length).toBe(MAX_NOTE);
    expect(shrunk.note).toMatch(/^shrunk from long-note\.json .*…$/);
  });

  it('clipping never splits a surrogate pair', () => {
    const note = `${'a'.repeat(MAX_NOTE - 2)}😀😀`;
    const c = clipNote(note);
    expect(c.length).toBeLessThanOrEqual(MAX_NOTE);
    expect(c.endsWith('a…')).toBe(true);
    expect(clipNote('short')).toBe('short');
  });
});
