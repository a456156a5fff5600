/**
 * Temp folders for tests that are removed when their test file ends (the setup file
 * `test/setup-temp.ts` registers the removal), so the suite leaves nothing behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh folder `dst-<prefix>-XXXXXX` in the temp folder, removed after this test file. */
export function testTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dst-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder {@link testTempDir} made in this file so far. */
export function removeTestTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
