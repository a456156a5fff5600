/**
 * The conformance runner on hostile or broken corpora (issue #13 item 6) and its known
 * failures (issue #15): a malformed section fails, an alias bomb or a broken symlink is one
 * line for that file, an empty corpus is bad input, and the known-failure list cannot go
 * stale. Each corpus is generated in a temp folder that is removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './cli.ts';
import type { KnownFailure } from './known-failures.ts';
import { runCorpus, type ConformanceReport } from './runner.ts';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** A temp corpus with the given files (path → YAML text). */
function corpus(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dst-es-corpus-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Runs the CLI in-process: exit code, stdout and stderr. */
function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const code = main(argv);
  vi.restoreAllMocks();
  return { code, out, err };
}

const INDEX = '  - do:\n      index: { index: test_1, id: "1", body: { foo: bar } }\n';
const PASSES = `"works":\n${INDEX}  - match: { result: created }\n`;
const section = (r: ConformanceReport, name: string) => r.sections.find((s) => s.name === name);

describe('a malformed section fails, never passes', () => {
  it.each([
    ['a string', '"bad": just a string\n', 'section is not a list of steps (it is a string)'],
    ['a mapping', '"bad": { do: { info: {} } }\n', 'section is not a list of steps (it is a mapping)'],
    ['null', '"bad":\n', 'section is not a list of steps (it is null)'],
    ['an empty list', '"bad": []\n', 'section is invalid: no steps'],
    ['a list holding a string', '"bad":\n  - just text\n', 'section is invalid: step 1 is not a single-key mapping (it is a string)'],
  ])('a section whose value is %s', (_what, yaml, detail) => {
    const dir = corpus({ 'a/10_x.yml': `---\n${PASSES}---\n${yaml}` });
    const r = runCorpus(dir);
    expect(section(r, 'works')?.status).toBe('passed');
    expect(section(r, 'bad')).toMatchObject({ status: 'failed', detail });
    expect(cli('--dir', dir).code).toBe(1);
  });

  it('a setup that is not a list fails the whole file', () => {
    const r = runCorpus(corpus({ 'a.yml': `---\nsetup: nope\n---\n${PASSES}` }));
    expect(r.sections).toEqual([{ file: 'a.yml', name: '(file)', status: 'failed', detail: 'setup is not a list of steps (it is a string)' }]);
  });
});

describe('corpus problems are one line per file, never a crash', () => {
  it('an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    const dir = corpus({ 'bomb.yml': `"s":\n  - do: { info: {} }\n---\n${bomb}\n`, 'ok.yml': PASSES });
    const res = cli('--dir', dir);
    expect(res.code).toBe(1);
    const line = res.out.split('\n').find((l) => l.includes('bomb.yml'));
    expect(line).toMatch(/^failed {3}bomb\.yml {2}"\(file\)" {2}— YAML error: .*alias.*\(more than 100 alias expansions\)$/);
    expect(res.out).toMatch(/passed {3}ok\.yml {2}"works"/);
    expect(res.out + res.err).not.toMatch(/\n\s+at /);
  });

  it('a dangling symlink, a symlink to itself, and a folder link back up the tree', () => {
    const dir = corpus({ 'ok.yml': PASSES });
    symlinkSync(join(dir, 'missing.yml'), join(dir, 'dangling.yml'));
    symlinkSync(join(dir, 'self.yml'), join(dir, 'self.yml'));
    mkdirSync(join(dir, 'sub'));
    symlinkSync(dir, join(dir, 'sub', 'up'));
    const r = runCorpus(dir);
    expect(r.sections.filter((s) => s.name === '(file)')).toEqual([
      { file: 'dangling.yml', name: '(file)', status: 'failed', detail: 'dangling symlink: its target does not exist' },
      { file: 'self.yml', name: '(file)', status: 'failed', detail: 'symlink loop: the link resolves to itself' },
      { file: 'sub/up', name: '(file)', status: 'failed', detail: 'symlink loop: this folder leads back to one already walked' },
    ]);
    expect(r).toMatchObject({ files: 1, passed: 1, failed: 3 });
    expect(cli('--dir', dir).code).toBe(1);
  });

  it('a FIFO named like a test file is not opened', () => {
    const dir = corpus({ 'ok.yml': PASSES });
    try {
      execFileSync('mkfifo', [join(dir, 'pipe.yml')]);
    } catch {
      return; // no mkfifo on this system
    }
    expect(section(runCorpus(dir), '(file)')).toEqual({ file: 'pipe.yml', name: '(file)', status: 'failed', detail: 'not a regular file' });
  });

  it('an empty corpus is bad input: exit 2, one line', () => {
    const dir = corpus({ 'README.md': 'no tests here' });
    mkdirSync(join(dir, 'empty'));
    const res = cli('--dir', dir);
    expect(res).toEqual({ code: 2, out: '', err: `no test files (*.yml, *.yaml) under ${dir}\n` });
  });
});

describe('known failures', () => {
  const FAILS = `"Refresh":\n${INDEX}  - match: { result: updated }\n`;
  const known: KnownFailure[] = [{ file: 'delete/50_refresh.yml', section: 'Refresh', why: 'needs several shards' }];

  it('only known failures failing: exit 0, listed in the table and in --json', () => {
    const dir = corpus({ 'delete/50_refresh.yml': FAILS, 'ok.yml': PASSES });
    const r = runCorpus(dir, known);
    expect(r).toMatchObject({ passed: 1, failed: 0, knownFailed: 1, stale: [] });
    expect(r.knownFailures).toEqual([{ file: 'delete/50_refresh.yml', section: 'Refresh', why: 'needs several shards', detail: 'match [result]: expected "updated", got "created"' }]);
    const table = cli('--dir', dir);
    expect(table.code).toBe(0);
    expect(table.out).toContain('known    delete/50_refresh.yml  "Refresh"');
    expect(table.out).toContain('known failures (1, listed in elasticsearch/conformance/known-failures.ts):');
    expect(table.out).toContain('passed 1, failed 0, known failures 1, skipped 0');
    const json = cli('--dir', dir, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ failed: 0, knownFailed: 1, knownFailures: [{ file: 'delete/50_refresh.yml', section: 'Refresh' }], stale: [] });
  });

  it('any other failure still fails the run', () => {
    const dir = corpus({ 'delete/50_refresh.yml': FAILS, 'other.yml': FAILS.replace('Refresh', 'Other') });
    expect(runCorpus(dir, known)).toMatchObject({ failed: 1, knownFailed: 1 });
    expect(cli('--dir', dir).code).toBe(1);
  });

  it('a known failure that passes, or is gone from its file, must be removed from the list: exit 1', () => {
    const passing = corpus({ 'delete/50_refresh.yml': `"Refresh":\n${INDEX}  - match: { result: created }\n` });
    expect(runCorpus(passing, known).stale).toEqual([{ ...known[0], now: 'passed' }]);
    expect(runCorpus(corpus({ 'delete/50_refresh.yml': PASSES }), known).stale).toEqual([{ ...known[0], now: 'not found in the corpus' }]);
    expect(runCorpus(corpus({ 'ok.yml': PASSES }), known).stale).toEqual([]); // the file is not in this corpus: the entry does not apply
  });

  it('the shipped list, through the CLI: a passing known failure is reported and fails the run', () => {
    const dir = corpus({ 'delete/50_refresh.yml': `"Refresh":\n${INDEX}  - match: { result: created }\n` });
    const res = cli('--dir', dir);
    expect(res.code).toBe(1);
    expect(res.out).toContain('no longer failing: delete/50_refresh.yml  "Refresh" (passed): remove it from the list in elasticsearch/conformance/known-failures.ts');
  });
});
