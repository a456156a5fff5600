/**
 * vitest global setup: the whole suite runs with its own temp folder (TMPDIR, inherited
 * by worker threads and child processes), and at the end that folder must be empty: a
 * test, or `dst` itself, that leaves a file or folder in the temp folder fails the run
 * with the names it left (they are removed all the same). Other work on the machine
 * cannot make it fail, and it cannot litter the system's temp folder.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** What may stay: tsx's transform cache, linked to the system's so child processes keep it. */
const ALLOWED = new Set([`tsx-${userInfo().uid}`]);

/** Points TMPDIR at a fresh folder; the returned teardown checks it is empty and removes it. */
export default function setup(): () => void {
  const system = tmpdir();
  const dir = mkdtempSync(join(system, 'dst-test-run-'));
  for (const name of ALLOWED) if (existsSync(join(system, name))) symlinkSync(join(system, name), join(dir, name));
  const before = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = dir;
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const left = readdirSync(dir).filter((n) => !ALLOWED.has(n));
    rmSync(dir, { recursive: true, force: true });
    if (left.length === 0) return;
    // A throw here is only logged by vitest ("error during close"); the exit code is what CI reads.
    process.stderr.write(`\ntemp folder check FAILED: the test suite left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the temp folder: ${left.sort().slice(0, 20).join(', ')}\n`);
    process.exitCode = 1;
  };
}
