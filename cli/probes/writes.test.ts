/**
 * Issue 13, item 2, through the CLI: outputs onto devices, FIFOs, symlinks, /proc and
 * /sys are refused up front with one line and exit 2; bad input creates no folder; a
 * user's --out name is kept; a save that fails after a sweep prints the report first.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';
import { signatureFileName } from '../commands/save-bugs.ts';
import { expectBadInput, fifo, file, fingerprint, scratch } from './scratch.ts';

const REPRO = join(import.meta.dirname, '../../fixtures/regressions/v3-cancel-after-enqueue-pre-fix-0.json');
const replayTrace = ['replay', '--seed', '1', '--scenario', 'tiny', '--variant', 'hardened', '--trace', 'text'];

describe('outputs that are not regular files are refused, naming the path', () => {
  const dir = scratch('writes');
  const victimPath = file(dir, 'victim.txt', 'precious\n');
  const link = join(dir, 'link.txt');
  symlinkSync(victimPath, link);
  const cases: Array<[string, string, RegExp]> = [
    ['/dev/null (as root it was replaced by a regular file)', '/dev/null', /--out: \/dev\/null is a device; dst writes only regular files/],
    ['/dev/stdout', '/dev/stdout', /--out: \/dev\/stdout is a symbolic link; dst writes only regular files/],
    ['a FIFO', fifo(dir, 'pipe.txt'), /--out: .*pipe\.txt is a FIFO \(named pipe\)/],
    ['a symlink to another file', link, /--out: .*link\.txt is a symbolic link/],
  ];
  for (const [name, out, pattern] of cases) {
    it(`replay --out ${name}`, async () => {
      const before = fingerprint(victimPath);
      expectBadInput(await runCli([...replayTrace, '--out', out]), pattern);
      expect(fingerprint(victimPath)).toBe(before);
    });
  }
  it('shrink --out /dev/null', async () => {
    expectBadInput(await runCli(['shrink', REPRO, '--out', '/dev/null']), /--out: \/dev\/null is a device/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('/proc and /sys: exit 2 at once, before any run (it used to hang at 100 % CPU, or lose the report)', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['run --save /proc/dst-x', ['run', '--scenario', 'tiny', '--seed', '0', '--save', '/proc/dst-x'], /--save: cannot write into \/proc\/dst-x: ENOENT/],
    ['run --save /proc', ['run', '--scenario', 'tiny', '--seed', '0', '--save', '/proc'], /--save: cannot write into \/proc: /],
    ['run --save /sys/kernel', ['run', '--scenario', 'tiny', '--seed', '0', '--save', '/sys/kernel'], /--save: cannot write into \/sys\/kernel: /],
    ['replay --out /proc/dst-x/t.txt', [...replayTrace, '--out', '/proc/dst-x/t.txt'], /--out: cannot write into \/proc\/dst-x: ENOENT/],
    ['replay --save /proc/self/dst', ['replay', REPRO, '--save', '/proc/self/dst'], /--save: cannot write into \/proc\/self\/dst: /],
    ['explore --save /sys/kernel/dst', ['explore', '--save', '/sys/kernel/dst'], /--save: cannot write into \/sys\/kernel\/dst: /],
  ];
  for (const [name, argv, pattern] of cases) {
    it(name, async () => {
      expectBadInput(await runCli(argv), pattern);
    }, 5000);
  }
});

describe('bad input creates no output folder (5 of 6 replay/shrink cases used to)', () => {
  const dir = scratch('no-folder');
  const badRepro = file(dir, 'bad.json', '{"format": "dst-repro/1"');
  const cases: Array<[string, (out: string) => string[]]> = [
    ['replay of a malformed repro with --save', (o) => ['replay', badRepro, '--save', o]],
    ['replay of a malformed repro with --out', (o) => ['replay', badRepro, '--trace', 'text', '--out', join(o, 't.txt')]],
    ['replay of an unknown scenario with --save', (o) => ['replay', '--seed', '1', '--scenario', 'nope', '--save', o]],
    ['replay of an unknown variant with --out', (o) => [...replayTrace.slice(0, 5), '--variant', 'nope', '--trace', 'text', '--out', join(o, 't.txt')]],
    ['replay with a bad seed and --save', (o) => ['replay', '--seed', 'x', '--scenario', 'tiny', '--save', o]],
    ['replay with a bad --strategy and --out', (o) => ['replay', '--seed', '1', '--scenario', 'tiny', '--strategy', 'dfs', '--trace', 'text', '--out', join(o, 't.txt')]],
    ['shrink of a malformed repro with --out', (o) => ['shrink', badRepro, '--out', join(o, 's.json')]],
    ['shrink with a bad --max-runs and --out', (o) => ['shrink', REPRO, '--max-runs', '0', '--out', join(o, 's.json')]],
    ['run of an unknown variant with --save', (o) => ['run', '--variant', 'nope', '--save', o]],
    ['explore of an unknown scenario with --save', (o) => ['explore', '--scenario', 'nope', '--save', o]],
  ];
  for (const [name, argv] of cases) {
    it(name, async () => {
      const out = join(dir, `out-${name.replace(/\W+/g, '-')}`, 'nested');
      const r = await runCli(argv(out));
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(readdirSync(dir)).toEqual(['bad.json']);
    });
  }
});

describe('names and late failures', () => {
  it("--out 'my trace é.txt' is written under exactly that name", async () => {
    const dir = scratch('names');
    const out = join(dir, 'my trace é.txt');
    const r = await runCli([...replayTrace, '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['my trace é.txt']);
    expect(readFileSync(out, 'utf8')).toMatch(/timer fires/);
  });

  it('when a save fails after the sweep, the report is printed first, then one error line, exit 2', async () => {
    const dir = scratch('late');
    const probe = JSON.parse((await runCli(['run', '--variant', 'pre-fix', '--scenario', 'tiny', '--seeds', '0..2', '--json'])).stdout) as { bugs: { signature: string }[] };
    const name = `${signatureFileName(probe.bugs[0]?.signature ?? '')}.json`;
    mkdirSync(join(dir, name)); // a folder where the bug's repro file goes
    const r = await runCli(['run', '--variant', 'pre-fix', '--scenario', 'tiny', '--seeds', '0..2', '--save', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/0 passed, 3 failed/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dst: cannot write .*: it is a folder \(the report above is complete/);
    expect(readdirSync(dir).sort()).toEqual([name]);
    expect(lstatSync(join(dir, name)).isDirectory()).toBe(true);
  });
});
