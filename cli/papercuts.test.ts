/**
 * The command line's papercuts (issue 15): exit 141 when stdout's reader goes away early,
 * `dst --version`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing/run-cli.ts';

const BIN = join(import.meta.dirname, 'bin.js');

/** Runs bin.js with `argv`, reads `lines` lines of its stdout, closes the pipe, and resolves to the exit code. */
function readThenClose(argv: readonly string[], lines: number): Promise<{ code: number | null; read: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'ignore'] });
    let buf = '';
    let closed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      if (closed) return;
      buf += s;
      if (buf.split('\n').length > lines) {
        closed = true;
        child.stdout.destroy(); // the reader goes away, as `head -2` does
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, read: buf.split('\n').slice(0, lines) }));
  });
}

describe('a reader that closes early', () => {
  it('dst run | head -2 exits 141 (SIGPIPE), not 1', async () => {
    const r = await readThenClose(['run', '--variant', 'pre-fix', '--scenario', 'checkin-storm', '--seeds', '0..7'], 2);
    expect(r.read[0]).toMatch(/^dst run: checkin-storm on pre-fix/);
    expect(r.read[1]).toMatch(/^first failure after/);
    expect(r.code).toBe(141);
  }, 60_000);
});

describe('dst --version', () => {
  it('prints the package version and exits 0', async () => {
    const version = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `dst ${version}\n`, stderr: '' });
  });
});
