/**
 * `dst replay --trace` at the command line: json is one document on stdout (the summary
 * on stderr), `| jq .` parses it, `--block ID` shows only that block's events, and bad
 * filter flags exit 2 in one line without writing a file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';
import type { TraceDoc } from './trace-doc-types.ts';
import { V3_FILE } from './testing/cases.ts';
import { testTempDir } from '../../test/temp-dirs.ts';

const STORM = ['replay', '--seed', '0', '--scenario', 'checkin-storm', '--variant', 'pre-fix'];

describe('dst replay --trace', () => {
  it('json: stdout is exactly one document, the human summary goes to stderr', async () => {
    const r = await runCli(['replay', V3_FILE, '--trace', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as TraceDoc;
    expect(doc.header.traceHash).toBe('899220b1042bd9a5');
    expect(r.stderr).toContain('matches the repro file');
    expect(r.stderr).toContain('block-lifecycle');
  });

  it('text --block ID on checkin-storm shows only that block, and the block the message names is there', async () => {
    const r = await runCli([...STORM, '--trace', 'text', '--block', '0.4']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.every((l) => / \* .* block 0\.4 /.test(l))).toBe(true);
    expect(r.stderr).toContain('block 0.4 (Search, acquired by agent-55');
  });

  it('bad filter flags exit 2 in one line and write no file', async () => {
    const dir = testTempDir('trace');
    const out = join(dir, 't.txt');
    for (const [argv, msg] of [
      [['--trace', 'text', '--block', 'x', '--out', out], /^dst: --block: "x" is not a block id/],
      [['--trace', 'html', '--task', 'agent-0', '--out', out], /^dst: --task: filters the text trace/],
      [['--trace', 'text', '--task', 'nobody', '--out', out], /^dst: --task: no task is named "nobody"/],
      [['--trace', 'text', '--from', '1', '--from', '2'], /^dst: --from: given twice/],
    ] as const) {
      const r = await runCli(['replay', V3_FILE, ...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
      expect(existsSync(out)).toBe(false);
    }
  });

  const jq = ['/usr/bin/jq', '/usr/local/bin/jq'].find((p) => existsSync(p));
  it.skipIf(jq === undefined)('the real command piped into jq parses (jq installed)', () => {
    const out = execFileSync('sh', ['-c', `node cli/bin.js replay ${V3_FILE} --trace json 2>/dev/null | ${jq} -c '[.header.traceHash, (.events | length)]'`], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['899220b1042bd9a5', 42]);
  });
});
