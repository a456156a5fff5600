/**
 * Issue 13, item 3: findings survive a kill. A real `dst run --save` sweep (node
 * cli/bin.js, a child process) is SIGKILLed right after it reports its first failure; that
 * failure's repro file is there, complete (it parses and replays to its hash), no temp
 * file of that save is left, and the next save into the folder removes any temp file a
 * later, interrupted save may have left.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepro } from '../../harness/repro.ts';
import { TEMP_NAME } from '../files.ts';
import { scratch } from './scratch.ts';

const bin = join(import.meta.dirname, '../bin.js');

/**
 * Runs `dst argv` until a stdout line matches `until`, then SIGKILLs it; resolves to that
 * line once the process is reaped (until then its pid is a zombie that still looks alive).
 */
function runUntil(argv: string[], until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let matched: string | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => until.test(l));
      if (line !== undefined && matched === null && child.exitCode === null) {
        matched = line;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && matched !== null) resolve(matched);
      else reject(new Error(`dst exited (${code}) before the kill: ${out}`));
    });
  });
}

describe('a sweep killed after its first failure', () => {
  it('keeps that failure as a complete repro file, and leaves no orphan', async () => {
    const dir = scratch('kill');
    const line = await runUntil(['run', '--variant', 'pre-fix', '--scenario', 'checkin-storm', '--seeds', '0..199', '--save', dir], /first failure/);
    const seed = /seed (\d+)/.exec(line)?.[1];
    expect(seed).toBeDefined();
    // One file per distinct bug, written when the bug first shows: the first failure's bug is there.
    const files = readdirSync(dir);
    // Every file is a complete repro, or the temp file of a save the kill interrupted.
    for (const f of files) if (!TEMP_NAME.test(f)) expect(() => readRepro(join(dir, f))).not.toThrow();
    const name = files.find((f) => !TEMP_NAME.test(f) && readRepro(join(dir, f)).expect === 'block-lifecycle' && JSON.stringify(readRepro(join(dir, f)).strategy) === JSON.stringify({ kind: 'random', seed: Number(seed) }));
    expect(name, `a block-lifecycle repro of seed ${seed} among ${files.join(', ')}`).toBeDefined();
    const check = spawnSync(process.execPath, [bin, 'replay', join(dir, name as string), '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    // The next save into the folder cleans whatever temp file the killed process left.
    const next = spawnSync(process.execPath, [bin, 'replay', '--seed', '1', '--scenario', 'tiny', '--variant', 'hardened', '--save', dir], { encoding: 'utf8' });
    expect(next.status).toBe(0);
    expect(readdirSync(dir).filter((f) => TEMP_NAME.test(f))).toEqual([]);
  }, 60_000);
});
