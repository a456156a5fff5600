/**
 * Scratch folders and hostile file system objects for the probe tests (issue 13): a
 * FIFO, a sparse 1 GB file, a secret whose bytes must never appear in any output.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import type { CliRun } from '../testing/run-cli.ts';
import { testTempDir } from '../../test/temp-dirs.ts';

/** The content of {@link secretFile}: no output of `dst` may contain it. */
export const SECRET = 'root:*:20202:0:99999:7:::hunter2-SECRET';

/** A fresh scratch folder. */
export function scratch(prefix: string): string {
  return testTempDir(`probe-${prefix}`);
}

/** A file with `content` inside `dir`; returns its path. */
export function file(dir: string, name: string, content: string): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

/** A file holding {@link SECRET}, like /etc/shadow. */
export function secretFile(dir: string): string {
  return file(dir, 'shadow', `${SECRET}\n`);
}

/** A named pipe (nothing ever writes to it: reading it would block forever). */
export function fifo(dir: string, name: string): string {
  const p = join(dir, name);
  execFileSync('mkfifo', [p]);
  return p;
}

/** A sparse file of `bytes` (1 GB by default) that takes no disk space. */
export function bigFile(dir: string, name: string, bytes = 1024 ** 3): string {
  const p = file(dir, name, '');
  truncateSync(p, bytes);
  return p;
}

/** Every file and folder under `dir`, relative, sorted. */
export function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out.push(relative(dir, p) + (e.isDirectory() ? '/' : ''));
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The size and modification time of a file, to show it untouched. */
export function fingerprint(p: string): string {
  const st = statSync(p);
  return `${st.size}/${st.mtimeMs}/${st.ino}`;
}

/** The bad-input contract: exit 2, nothing on stdout, exactly one stderr line matching `pattern`, no secret echoed. */
export function expectBadInput(r: CliRun, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr.trimEnd()).toMatch(pattern);
  expect(r.stderr).not.toContain('hunter2');
  expect(r.stderr).not.toMatch(/\n\s+at /);
}
