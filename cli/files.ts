/**
 * Writing files the safe way. Every output is checked before any work and before any
 * folder is made ({@link checkOutFile}, {@link checkOutDir}); folders are made by a
 * bounded loop and proven writable by a real test write ({@link prepareDir}); every file
 * is written to a temp file with a random name, opened with exclusive create and no
 * symlink following (mode 0600), in the target's own folder, then renamed over the
 * target ({@link writeAtomic}). A name planted in a shared folder (a symlink where the
 * temp file will be) makes the open fail and another random name is tried; it is never
 * followed. Temp files of a `dst` that was killed are recognisable by name and are
 * removed on the next save into that folder.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../harness/input-error.ts';
import { kindOf } from '../harness/input-file.ts';

/** How `dst` names its temp files: `.dst-<12 hex>.<pid>.tmp` (recognisable, so a killed run's leftovers can be cleaned). */
export const TEMP_NAME = /^\.dst-[0-9a-f]{12}\.(\d+)\.tmp$/;

/** The deepest folder chain made for one output (a bound on the creation loop). */
const MAX_DEPTH = 64;

/** Attempts at a fresh temp name before giving up (each failed one was taken or planted). */
export const TEMP_TRIES = 16;

/** A temp file older than this is stale even when its pid looks alive (another host, a reused pid). */
const STALE_MS = 10 * 60 * 1000;

/** Where temp names come from; tests inject a predictable source to plant a symlink at every name. */
export type TempNames = () => string;

/** The default temp names: 48 random bits and this process's id. */
export const randomTempName: TempNames = () => `.dst-${randomBytes(6).toString('hex')}.${process.pid}.tmp`;

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch (e) {
    if (code(e) === 'ENOENT') return null;
    throw e;
  }
}

/**
 * The folders of `dir` that do not exist yet, outermost first; the nearest existing one
 * must be a folder. Makes nothing. Fails with one line naming the flag.
 */
function missingFolders(flag: string, dir: string): string[] {
  const missing: string[] = [];
  let p = resolve(dir);
  for (let depth = 0; ; depth++) {
    if (depth > MAX_DEPTH) throw new InputError(`${flag}: cannot write into ${dir}: more than ${MAX_DEPTH} folders to make`);
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      if (code(e) !== 'ENOENT') throw new InputError(`${flag}: cannot write into ${dir}: ${code(e)}`);
      if (lstatOrNull(p)?.isSymbolicLink()) throw new InputError(`${flag}: cannot write into ${dir}: ${p} is a symbolic link to nothing`);
      missing.push(p);
      const up = dirname(p);
      if (up === p) throw new InputError(`${flag}: cannot write into ${dir}: no existing folder above it`);
      p = up;
      continue;
    }
    if (!st.isDirectory()) throw new InputError(`${flag}: cannot write into ${dir}: ENOTDIR (${p} is ${kindOf(st)})`);
    return missing.reverse();
  }
}

/** Checks, making nothing, that `dir` is a folder or could be made (`--save`). Returns it absolute. */
export function checkOutDir(flag: string, dir: string): string {
  missingFolders(flag, dir);
  return resolve(dir);
}

/**
 * Checks, making nothing, that `file` can be the target of an output (`--out`): not a
 * folder, device, FIFO, socket or symbolic link (a symlink such as /dev/stdout would be
 * replaced by a regular file), and its folder exists or could be made. Returns it absolute.
 */
export function checkOutFile(flag: string, file: string): string {
  const abs = resolve(file);
  let st: Stats | null;
  try {
    st = lstatOrNull(abs);
  } catch (e) {
    throw new InputError(`${flag}: cannot write ${file}: ${code(e)}`);
  }
  if (st !== null && st.isDirectory()) throw new InputError(`${flag}: ${file} is a folder, not a file`);
  if (st !== null && !st.isFile()) throw new InputError(`${flag}: ${file} is ${kindOf(st)}; dst writes only regular files (give another path)`);
  if (TEMP_NAME.test(basename(abs))) throw new InputError(`${flag}: ${file} is named like a dst temp file (.dst-<hex>.<pid>.tmp), which a later save may remove; give another name`);
  missingFolders(flag, dirname(abs));
  return abs;
}

/**
 * Makes `dir` (and its parents) with a bounded loop of single `mkdir`s (Node's recursive
 * `mkdirSync` spins forever under /proc), then proves it writable with a real test write:
 * a temp file created and deleted. Call it after every input is validated, before any run.
 */
export function prepareDir(flag: string, dir: string, names: TempNames = randomTempName): void {
  for (const m of missingFolders(flag, dir)) {
    try {
      mkdirSync(m);
    } catch (e) {
      if (code(e) === 'EEXIST' && isFolder(m)) continue; // made meanwhile by someone else
      throw new InputError(`${flag}: cannot write into ${dir}: ${code(e)}`);
    }
  }
  let tmp: { fd: number; path: string };
  try {
    tmp = openTemp(resolve(dir), names);
  } catch (e) {
    throw new InputError(`${flag}: cannot write into ${dir}: ${code(e)}`);
  }
  try {
    writeSync(tmp.fd, 'x');
  } catch (e) {
    throw new InputError(`${flag}: cannot write into ${dir}: ${code(e)}`);
  } finally {
    closeSync(tmp.fd);
    unlinkQuietly(tmp.path);
  }
}

/** Opens a fresh temp file in `dir`: exclusive create, no symlink following, mode 0600. */
function openTemp(dir: string, names: TempNames): { fd: number; path: string } {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  let last: unknown = null;
  for (let i = 0; i < TEMP_TRIES; i++) {
    const path = join(dir, names());
    try {
      return { fd: openSync(path, flags, 0o600), path };
    } catch (e) {
      if (code(e) !== 'EEXIST' && code(e) !== 'ELOOP') throw e;
      last = e; // taken, or planted: never follow it, try another name
    }
  }
  throw Object.assign(new Error(`no free temp file name after ${TEMP_TRIES} tries`), { code: (last as NodeJS.ErrnoException | null)?.code ?? 'EEXIST' });
}

function unlinkQuietly(p: string): void {
  try {
    unlinkSync(p);
  } catch {
    // already gone
  }
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) === 'EPERM';
  }
}

const cleaned = new Set<string>();

/**
 * Removes this tool's stale temp files in `dir` (named {@link TEMP_NAME}, left by a `dst`
 * that was killed: its pid is gone, or the file is older than ten minutes), once per
 * folder per process. Only such names are touched; a symlink is removed, never followed.
 */
export function cleanStaleTemps(dir: string): number {
  const abs = resolve(dir);
  if (cleaned.has(abs)) return 0;
  cleaned.add(abs);
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch {
    return 0;
  }
  const now = Date.now(); // determinism-ok: file ages at the CLI edge, outside any simulation
  for (const n of names) {
    const m = TEMP_NAME.exec(n);
    if (m === null) continue;
    const p = join(abs, n);
    const st = lstatOrNull(p);
    if (st === null || st.isDirectory()) continue;
    if (pidAlive(Number(m[1])) && now - st.mtimeMs < STALE_MS) continue;
    unlinkQuietly(p);
    removed++;
  }
  return removed;
}

/** The mode a new file gets (what `open` would give it under the process's umask). */
function newFileMode(): number {
  return 0o666 & ~process.umask();
}

/**
 * Writes `file` atomically: a fresh temp file in the same folder (see {@link openTemp}),
 * written and synced, given the final mode (the existing file's, else the umask's), then
 * renamed over `file`. The temp file never outlives a failure. `file` itself must be a
 * regular file or absent (a symlink at a name `dst` chose is replaced, never followed).
 */
export function writeAtomic(file: string, content: string, names: TempNames = randomTempName): void {
  const abs = resolve(file);
  const dir = dirname(abs);
  cleanStaleTemps(dir);
  const existing = lstatOrNull(abs);
  if (existing !== null && !existing.isFile() && !existing.isSymbolicLink()) throw new InputError(`cannot write ${file}: it is ${kindOf(existing)}`);
  let tmp: { fd: number; path: string } | null = null;
  try {
    tmp = openTemp(dir, names);
    const bytes = Buffer.from(content, 'utf8');
    for (let off = 0; off < bytes.length; ) off += writeSync(tmp.fd, bytes, off, bytes.length - off);
    fchmodSync(tmp.fd, existing !== null && existing.isFile() ? existing.mode & 0o7777 : newFileMode());
    fsyncSync(tmp.fd);
    if (!fstatSync(tmp.fd).isFile()) throw new Error('the temp file is not a regular file');
    closeSync(tmp.fd);
    tmp.fd = -1;
    renameSync(tmp.path, abs);
    tmp = null;
  } catch (e) {
    if (tmp !== null) {
      if (tmp.fd >= 0) closeSync(tmp.fd);
      unlinkQuietly(tmp.path);
    }
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot write ${file}: ${code(e)}`);
  }
}

/**
 * Writes a user's `--out` file under exactly the name given (never renamed), refusing a
 * folder, device, FIFO, socket or symbolic link there (checked again at write time).
 */
export function writeOut(flag: string, file: string, content: string, names?: TempNames): string {
  const abs = checkOutFile(flag, file);
  writeAtomic(abs, content, names);
  return abs;
}

/**
 * Writes `name` inside `dir` atomically. The name, chosen by `dst` from scenario and
 * variant names, is reduced to a plain file name first, so nothing lands outside `dir`.
 */
export function writeInside(dir: string, name: string, content: string, names?: TempNames): string {
  const root = resolve(dir);
  const safe = basename(name).replace(/[^A-Za-z0-9._-]/g, '_');
  if (safe === '' || safe === '.' || safe === '..' || TEMP_NAME.test(safe)) throw new InputError(`--save: cannot derive a file name from "${name}"`);
  const target = join(root, safe);
  const rel = relative(root, target);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new InputError(`--save: refusing to write outside ${dir}`);
  writeAtomic(target, content, names);
  return target;
}

/**
 * Makes `dir` and proves it writable, at once (check, make, test write).
 * @deprecated call {@link checkOutDir} while validating and {@link prepareDir} once every input is valid (cli/outputs.ts), so bad input never leaves a folder behind.
 */
export function ensureDir(flag: string, dir: string): void {
  checkOutDir(flag, dir);
  prepareDir(flag, dir);
}

/**
 * Checks `file` as an output and makes its folder, at once.
 * @deprecated call {@link checkOutFile} while validating and {@link prepareDir} once every input is valid (cli/outputs.ts).
 */
export function ensureFileTarget(flag: string, file: string): void {
  prepareDir(flag, dirname(checkOutFile(flag, file)));
}
