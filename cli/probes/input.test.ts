/**
 * Issue 13, item 1: repro and scenario files are untrusted input. Each probe of the issue
 * (a repro naming /etc/shadow or /proc/self/environ, /dev/zero, a FIFO, a 1 GB file,
 * malformed JSON that V8 would quote) ends in one line, exit 2, nothing echoed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';
import { bigFile, expectBadInput, fifo, file, scratch, SECRET, secretFile } from './scratch.ts';

const dir = scratch('input');
const shadow = secretFile(dir);
const pipe = fifo(dir, 'pipe.json');
const big = bigFile(dir, 'big.json');
const TINY = join(import.meta.dirname, '../../fixtures/scenarios/tiny.json');

const repro = (scenario: unknown) =>
  file(dir, `repro-${Math.abs(JSON.stringify(scenario).split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7))}.json`, JSON.stringify({ format: 'dst-repro/1', scenario, variant: 'hardened', strategy: { kind: 'random', seed: 0 }, expect: 'pass', traceHash: '0000000000000000' }));

describe('a repro file names no path that dst would follow', () => {
  for (const path of ['/etc/shadow', '/proc/self/environ', '/dev/zero', shadow, pipe, '../fixtures/scenarios/tiny.json', 'fixtures/scenarios/tiny']) {
    it(`"scenario": ${JSON.stringify(path.startsWith(dir) ? `<scratch>/${path.slice(dir.length + 1)}` : path)} is refused without reading it`, async () => {
      const r = await runCli(['replay', repro(path)]);
      expectBadInput(r, /repro file .*: scenario: a repro file names a shipped scenario or holds it inline; a path in a file is not followed$/);
      expect(r.stderr).not.toContain('PATH');
    });
  }
});

describe('files named on the command line are read only when they are small regular files, and never echoed', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['/etc/shadow as --scenario (malformed JSON, V8 would quote "root:*:...")', ['replay', '--seed', '0', '--scenario', '/etc/shadow'], /scenario \/etc\/shadow: malformed JSON$/],
    ['a secret file as --scenario', ['replay', '--seed', '0', '--scenario', shadow], /scenario .*shadow: malformed JSON$/],
    ['a secret file as a repro file', ['replay', shadow], /repro file .*shadow: malformed JSON$/],
    ['/proc/self/environ as --scenario (a regular file that reports size 0)', ['replay', '--seed', '0', '--scenario', '/proc/self/environ'], /scenario \/proc\/self\/environ: malformed JSON$/],
    ['dst replay /dev/zero (used to hang)', ['replay', '/dev/zero'], /repro file \/dev\/zero is a device, not a regular file/],
    ['dst shrink /dev/zero (used to abort with std::bad_alloc)', ['shrink', '/dev/zero'], /repro file \/dev\/zero is a device, not a regular file/],
    ['/dev/zero as --scenario', ['run', '--scenario', '/dev/zero', '--seed', '0'], /--scenario: \/dev\/zero is a device, not a regular file/],
    ['a FIFO as a repro file (used to block forever)', ['replay', pipe], /repro file .*pipe\.json is a FIFO \(named pipe\), not a regular file/],
    ['a FIFO as --scenario', ['run', '--scenario', pipe, '--seed', '0'], /--scenario: .*pipe\.json is a FIFO/],
    ['a 1 GB repro file', ['replay', big], /repro file .*big\.json is larger than 16 MB$/],
    ['a 1 GB scenario file', ['explore', '--scenario', big], /--scenario: .*big\.json is larger than 16 MB$/],
    ['a folder as a repro file', ['replay', dir], /repro file .* is a folder, not a regular file/],
    ['a repro file that is not UTF-8', ['replay', file(dir, 'latin1.json', '\xff\xfe{"format": 1}')], /repro file .*latin1\.json: malformed JSON|is not UTF-8 text/],
    ['/etc/shadow as --target', ['run', '--target', '/etc/shadow'], /--target: \/etc\/shadow is not a \.ts\/\.mts\/\.js\/\.mjs module$/],
    ['a FIFO as --target', ['list', '--target', fifo(dir, 'pipe.ts')], /--target: .*pipe\.ts is a FIFO \(named pipe\), not a regular file$/],
    ['a 1 GB --target module', ['list', '--target', bigFile(dir, 'big.ts')], /--target: .*big\.ts is larger than 16 MB$/],
  ];
  for (const [name, argv, pattern] of cases) {
    it(name, async () => {
      expectBadInput(await runCli(argv), pattern);
    }, 10_000);
  }

  it('an unknown key is named only when it looks like a key, never as arbitrary text', async () => {
    const scenario = { ...(JSON.parse(readFileSync(TINY, 'utf8')) as object), [SECRET]: 1 };
    const r = await runCli(['replay', '--seed', '0', '--scenario', file(dir, 'odd-key.json', JSON.stringify(scenario))]);
    expectBadInput(r, /scenario .*odd-key\.json: \(top level\): unknown key "<a key of 39 characters>"$/);
  });

  it('a file name with a newline still gives exactly one line', async () => {
    const r = await runCli(['replay', '--seed', '0', '--scenario', join(dir, 'two\nlines.json')]);
    expectBadInput(r, /--scenario: no such file .*two\\u000alines\.json$/);
  });

  it('a value nested a million levels deep is one line, not a stack overflow', async () => {
    const deep = `{"format":"dst-repro/1","scenario":{"workload":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}}`;
    const r = await runCli(['replay', file(dir, 'deep.json', deep)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('a repro saved from --scenario PATH holds the scenario inline', () => {
  const bin = join(import.meta.dirname, '../bin.js');
  const dst = (cwd: string, argv: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  for (const path of ['some/path', 'some/path.json']) {
    it(`saved from --scenario ${path}, it replays from any folder`, () => {
      const here = scratch('save-from');
      file(here, path, readFileSync(TINY, 'utf8'));
      const saved = dst(here, ['replay', '--seed', '3', '--scenario', path, '--variant', 'pre-fix', '--save', 'out', '--json']);
      expect(saved.stderr).toBe('');
      const report = JSON.parse(saved.stdout) as { saved: string; traceHash: string };
      const repro = JSON.parse(readFileSync(report.saved, 'utf8')) as { scenario: unknown };
      expect(typeof repro.scenario).toBe('object');
      const elsewhere = scratch('replay-from');
      const again = dst(elsewhere, ['replay', report.saved, '--check']);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
    }, 30_000);
  }
});
