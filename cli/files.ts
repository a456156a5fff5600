/**
 * Writing files the safe way: atomically (temp file, then rename) and never outside
 * the directory the user gave.
 */
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../harness/input-error.ts';

/** Creates `dir` (and parents) if needed, or fails with one line naming the flag. Call it before any work. */
export function ensureDir(flag: string, dir: string): void {
  try {
    mkdirSync(resolve(dir), { recursive: true });
    accessSync(resolve(dir), constants.W_OK);
  } catch (e) {
    throw new InputError(`${flag}: cannot write into ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Writes `name` inside `dir` atomically. The name is reduced to a plain file name first. */
export function writeInside(dir: string, name: string, content: string): string {
  ensureDir('output', dir);
  const root = resolve(dir);
  const safe = basename(name).replace(/[^A-Za-z0-9._-]/g, '_');
  if (safe === '' || safe === '.' || safe === '..') throw new InputError(`--save: cannot derive a file name from "${name}"`);
  const target = join(root, safe);
  const rel = relative(root, target);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new InputError(`--save: refusing to write outside ${dir}`);
  mkdirSync(root, { recursive: true });
  writeAtomic(target, content);
  return target;
}

/** Checks, before any work, that `file` can be written: its folder exists or can be made, and it is not a folder. */
export function ensureFileTarget(flag: string, file: string): void {
  ensureDir(flag, dirname(resolve(file)));
  if (existsSync(file) && statSync(file).isDirectory()) throw new InputError(`${flag}: ${file} is a folder, not a file`);
}

/** Writes a file atomically (temp file in the same folder, then rename); the temp file never outlives a failure. */
export function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
