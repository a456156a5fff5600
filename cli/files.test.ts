/**
 * The safe writer (issue 13, item 2): a symlink planted at every name the writer could
 * use leaves its target untouched; stale temp files of a killed `dst` are cleaned; names
 * are kept; modes follow the umask or the replaced file; folders under /proc or /sys fail
 * at once instead of spinning.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../harness/input-error.ts';
import { checkOutDir, checkOutFile, cleanStaleTemps, prepareDir, TEMP_NAME, TEMP_TRIES, writeAtomic, writeInside, writeOut, type TempNames } from './files.ts';
import { fifo, fingerprint, scratch } from './probes/scratch.ts';

/** A predictable temp-name source: the names the writer will try, in order, known in advance. */
function predictable(tag: string): { names: TempNames; first: (n: number) => string[] } {
  const name = (i: number) => `.dst-${(tag + i.toString(16)).padStart(12, '0').slice(-12)}.${process.pid}.tmp`;
  let i = 0;
  return { names: () => name(i++), first: (n) => Array.from({ length: n }, (_, k) => name(k)) };
}

function victim(dir: string): { path: string; print: string } {
  const path = join(dir, 'victim.txt');
  writeFileSync(path, 'precious\n');
  return { path, print: fingerprint(path) };
}

const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('a symlink planted at every name the writer could use', () => {
  it('at every temp name and the final name of a --save file: the write fails cleanly, the target is untouched', () => {
    const outside = scratch('victim');
    const v = victim(outside);
    const dir = scratch('shared-save');
    const p = predictable('a');
    for (const n of [...p.first(TEMP_TRIES), 'found.json']) symlinkSync(v.path, join(dir, n));
    expect(() => writeInside(dir, 'found.json', 'evil', p.names)).toThrow(InputError);
    expect(readFileSync(v.path, 'utf8')).toBe('precious\n');
    expect(fingerprint(v.path)).toBe(v.print);
    expect(readdirSync(dir).every((n) => lstatSync(join(dir, n)).isSymbolicLink())).toBe(true);
  });

  it('at all temp names but one: the writer takes the free one, replaces the planted final symlink, never follows either', () => {
    const outside = scratch('victim');
    const v = victim(outside);
    const dir = scratch('shared-save');
    const p = predictable('b');
    for (const n of [...p.first(TEMP_TRIES - 1), 'found.json']) symlinkSync(v.path, join(dir, n));
    const written = writeInside(dir, 'found.json', 'mine\n', p.names);
    expect(readFileSync(v.path, 'utf8')).toBe('precious\n');
    expect(fingerprint(v.path)).toBe(v.print);
    expect(lstatSync(written).isFile()).toBe(true);
    expect(readFileSync(written, 'utf8')).toBe('mine\n');
  });

  it('at the name of a user\'s --out: refused, naming the path, target untouched', () => {
    const outside = scratch('victim');
    const v = victim(outside);
    const dir = scratch('out');
    const link = join(dir, 'trace.txt');
    symlinkSync(v.path, link);
    expect(() => writeOut('--out', link, 'evil')).toThrow(/--out: .*trace\.txt is a symbolic link; dst writes only regular files/);
    expect(fingerprint(v.path)).toBe(v.print);
  });

  it('at the predictable name older versions used (<target>.<pid>.tmp): untouched', () => {
    const outside = scratch('victim');
    const v = victim(outside);
    const dir = scratch('shared-save');
    symlinkSync(v.path, join(dir, `found.json.${process.pid}.tmp`));
    writeInside(dir, 'found.json', 'mine\n');
    expect(fingerprint(v.path)).toBe(v.print);
  });

  it('at the name of the test write before a sweep: another name is taken, target untouched', () => {
    const outside = scratch('victim');
    const v = victim(outside);
    const dir = scratch('probe');
    const p = predictable('c');
    for (const n of p.first(3)) symlinkSync(v.path, join(dir, n));
    prepareDir('--save', dir, p.names);
    expect(fingerprint(v.path)).toBe(v.print);
    expect(readdirSync(dir)).toHaveLength(3);
  });
});

describe('temp files', () => {
  it('a killed dst\'s temp files (dead pid) are removed on the next save into the folder; live ones and other files stay', () => {
    const dir = scratch('stale');
    const outside = scratch('victim');
    const v = victim(outside);
    const dead = deadPid();
    writeFileSync(join(dir, `.dst-0000000000aa.${dead}.tmp`), '');
    symlinkSync(v.path, join(dir, `.dst-0000000000bb.${dead}.tmp`));
    writeFileSync(join(dir, `.dst-0000000000cc.${process.pid}.tmp`), '');
    writeFileSync(join(dir, 'notes.tmp'), 'mine');
    expect(cleanStaleTemps(dir)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([`.dst-0000000000cc.${process.pid}.tmp`, 'notes.tmp']);
    expect(fingerprint(v.path)).toBe(v.print);
  });

  it('a successful write leaves no temp file, and the name pattern is what the writer uses', () => {
    const dir = scratch('clean');
    let used = '';
    writeInside(dir, 'x.json', '{}', () => (used = `.dst-${'f'.repeat(12)}.${process.pid}.tmp`));
    expect(TEMP_NAME.test(used)).toBe(true);
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('a new file gets the umask\'s mode; a replaced file keeps its own', () => {
    const dir = scratch('mode');
    const fresh = writeOut('--out', join(dir, 'new.txt'), 'a');
    expect(statSync(fresh).mode & 0o777).toBe(0o666 & ~process.umask());
    const old = join(dir, 'old.txt');
    writeFileSync(old, 'x');
    chmodSync(old, 0o640);
    writeOut('--out', old, 'b');
    expect(statSync(old).mode & 0o777).toBe(0o640);
    expect(readFileSync(old, 'utf8')).toBe('b');
  });
});

describe('names and targets', () => {
  it('--out keeps the user\'s name exactly (spaces, accents)', () => {
    const dir = scratch('names');
    const out = join(dir, 'my trace é.txt');
    expect(writeOut('--out', out, 'hello')).toBe(out);
    expect(readdirSync(dir)).toEqual(['my trace é.txt']);
  });

  it('--out refuses devices, FIFOs, symlinks and folders, naming the path', () => {
    const dir = scratch('targets');
    expect(() => checkOutFile('--out', '/dev/null')).toThrow('--out: /dev/null is a device; dst writes only regular files');
    expect(() => checkOutFile('--out', '/dev/stdout')).toThrow('--out: /dev/stdout is a symbolic link; dst writes only regular files');
    expect(() => checkOutFile('--out', fifo(dir, 'p'))).toThrow(/--out: .*\/p is a FIFO \(named pipe\); dst writes only regular files/);
    expect(() => checkOutFile('--out', dir)).toThrow(/is a folder, not a file/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('checking makes nothing; preparing makes the folders with a bounded loop', () => {
    const dir = scratch('plan');
    const deep = join(dir, 'a', 'b', 'c');
    checkOutDir('--save', deep);
    checkOutFile('--out', join(deep, 'f.txt'));
    expect(existsSync(join(dir, 'a'))).toBe(false);
    prepareDir('--save', deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(readdirSync(deep)).toEqual([]);
  });

  it('under /proc and /sys a folder cannot be made or written: one error at once, no spinning', () => {
    const t0 = performance.now();
    expect(() => prepareDir('--save', '/proc/dst-probe/x')).toThrow(/--save: cannot write into \/proc\/dst-probe\/x: ENOENT/);
    expect(() => prepareDir('--save', '/proc')).toThrow(/--save: cannot write into \/proc: /);
    expect(() => prepareDir('--save', '/sys/kernel')).toThrow(/--save: cannot write into \/sys\/kernel: /);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a folder under a file is refused by the check, before anything is made', () => {
    const dir = scratch('under-file');
    writeFileSync(join(dir, 'f'), '');
    expect(() => checkOutDir('--save', join(dir, 'f', 'sub'))).toThrow(/--save: cannot write into .*f\/sub: ENOTDIR/);
  });

  it('a --save name is reduced to a plain file name inside the folder', () => {
    const dir = scratch('inside');
    mkdirSync(join(dir, 'save'));
    const p = writeInside(join(dir, 'save'), '../../escape é.json', '{}');
    expect(p).toBe(join(dir, 'save', 'escape__.json'));
  });

  it('writeAtomic refuses to replace a device or FIFO', () => {
    const dir = scratch('replace');
    expect(() => writeAtomic(fifo(dir, 'p.json'), 'x')).toThrow(/it is a FIFO/);
  });
});
