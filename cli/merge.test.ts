/**
 * `dst merge` (issue 15): the shard reports of one sweep merge into the report of the
 * unsharded run (byte for byte), whether the shards come from `--shard I/N` or
 * from the Kubernetes Indexed Job manifest run as written, with JOB_COMPLETION_INDEX
 * 0..N-1; the GitHub Actions workflow's matrix matches its shard count; bad merges are
 * bad input.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { testTempDir } from '../test/temp-dirs.ts';
import { runCli } from './testing/run-cli.ts';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const dir = testTempDir('merge');

interface Report {
  runs: number;
  passed: boolean;
  failures: unknown[];
  bugs: { signature: string; runs: number; firstSeed: number; smallest: { seed: number; scenario: string } }[];
  timing?: unknown;
  shard?: string;
}

async function report(argv: readonly string[]): Promise<{ code: number; report: Report; text: string }> {
  const r = await runCli([...argv, '--json', ...(argv[0] === 'run' ? ['--quiet'] : [])]);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as Report, text: r.stdout };
}


function save(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('dst merge of --shard 1/2 and 2/2', () => {
  it('equals the unsharded run: runs, passed, failures in order, bugs with their first seeds and smallest cases', async () => {
    const args = ['run', '--variant', 'pre-fix,upstream', '--scenario', 'smoke', '--scenario', 'bad-input', '--scenario', 'tiny', '--seeds', '0..7'];
    const all = await report(args);
    const s1 = await report([...args, '--shard', '1/2']);
    const s2 = await report([...args, '--shard', '2/2']);
    expect(s1.report.shard).toBe('1/2');
    const merged = await report(['merge', save('s2.json', s2.text), save('s1.json', s1.text)]); // any order
    expect(merged.code).toBe(all.code);
    expect(merged.report.runs).toBe(all.report.runs);
    expect(merged.report.passed).toBe(all.report.passed);
    expect(merged.report.failures.length).toBe(all.report.failures.length);
    expect(merged.report.bugs.map((b) => b.signature)).toEqual(all.report.bugs.map((b) => b.signature));
    expect(merged.text).toBe(all.text); // byte for byte
    expect(all.report.bugs.length).toBeGreaterThan(2);
  }, 120_000);
});

describe('dst merge keeps what grouping folds', () => {
  it("a bug's consequences (less severe bugs seen only in its runs) are in --json, and the same after a merge", async () => {
    const args = ['run', '--variant', 'upstream', '--scenario', 'policy-change', '--seeds', '0..3'];
    const all = await report(args);
    const top = all.report.bugs[0] as Report['bugs'][number] & { consequences?: { severity: string }[] };
    expect(top.consequences?.some((c) => c.severity === 'data-race')).toBe(true);
    const s1 = await report([...args, '--shard', '1/2']);
    const s2 = await report([...args, '--shard', '2/2']);
    const merged = await report(['merge', save('c1.json', s1.text), save('c2.json', s2.text)]);
    expect(merged.text).toBe(all.text);
  }, 120_000);
});

describe('--timing', () => {
  it('adds timing to --json (run and merge); merge --timing needs it in every shard; without it nothing varies', async () => {
    const args = ['run', '--variant', 'hardened', '--scenario', 'tiny', '--seeds', '0..3'];
    const t1 = await report([...args, '--shard', '1/2', '--timing']);
    const t2 = await report([...args, '--shard', '2/2', '--timing']);
    expect((t1.report.timing as { runMs: number[] }).runMs).toHaveLength(t1.report.runs);
    const f1 = save('t1.json', t1.text);
    const f2 = save('t2.json', t2.text);
    const timed = await report(['merge', f1, f2, '--timing']);
    expect((timed.report.timing as { wallMs: number[]; runMs: number[] }).runMs).toHaveLength(4);
    expect((await report(['merge', f1, f2])).text).toBe((await report(args)).text); // shards' timing is dropped without --timing
    const plain = save('p2.json', (await report([...args, '--shard', '2/2'])).text);
    const r = await runCli(['merge', f1, plain, '--timing', '--json']);
    expect([r.code, r.stderr]).toEqual([2, `dst: --timing: ${plain} has no timing; run every shard with --timing\n`]);
    expect((await runCli(['run', ...args.slice(1), '--timing'])).stderr).toBe('dst: --timing: it adds timing to the --json report; give --json too\n');
  }, 60_000);
});

describe('dst merge of --budget shards', () => {
  it("adds up each shard's whole seeds, and points to each shard's rerun flags", async () => {
    const args = ['run', '--variant', 'hardened', '--scenario', 'tiny', '--budget', '300ms', '--workers', '1'];
    const s1 = await report([...args, '--shard', '1/2']);
    const s2 = await report([...args, '--shard', '2/2']);
    const budgetOf = (r: Report) => (r as Report & { budget: { seeds: number; rerun?: string } }).budget;
    const files = [save('b1.json', s1.text), save('b2.json', s2.text)];
    const merged = await report(['merge', ...files]);
    expect(merged.report.runs).toBe(s1.report.runs + s2.report.runs);
    expect(budgetOf(merged.report).seeds).toBe(budgetOf(s1.report).seeds + budgetOf(s2.report).seeds);
    expect(budgetOf(merged.report).rerun).toBeUndefined();
    expect(budgetOf(s2.report).rerun).toMatch(/^--seeds 0\.\.\d+ --shard 2\/2$/);
    const text = await runCli(['merge', ...files]);
    expect(text.stdout).toContain("each shard's report gives the --seeds that rerun its own");
  }, 60_000);
});

describe('the Kubernetes Indexed Job manifest, run as written', () => {
  const docs = parseAllDocuments(readFileSync(join(ROOT, 'examples/ci/k8s-indexed-job.yaml'), 'utf8')).map((d) => d.toJS() as Record<string, any>);
  const shards = docs.find((d) => d.kind === 'Job' && d.spec.completionMode === 'Indexed') as Record<string, any>;
  const merge = docs.find((d) => d.kind === 'Job' && d !== shards) as Record<string, any>;
  const envOf = (job: Record<string, any>) => Object.fromEntries((job.spec.template.spec.containers[0].env as { name: string; value: string }[]).map((e) => [e.name, e.value]));
  const scriptOf = (job: Record<string, any>) => job.spec.template.spec.containers[0].command as string[];

  it('is an Indexed Job whose shard count is its completions', () => {
    expect(shards.spec.completionMode).toBe('Indexed');
    expect(Number(envOf(shards).DST_SHARDS)).toBe(shards.spec.completions);
    expect(Number(envOf(merge).DST_SHARDS)).toBe(shards.spec.completions);
    expect(scriptOf(shards).join(' ')).toContain('--shard "$((JOB_COMPLETION_INDEX + 1))/$DST_SHARDS"');
  });

  it('JOB_COMPLETION_INDEX=0..N-1, then its merge step, gives the unsharded report', async () => {
    const reports = testTempDir('k8s-reports');
    const n = shards.spec.completions as number;
    const small = { DST_SEEDS: '0..9', DST_ARGS: '--variant pre-fix --scenario smoke --scenario bad-input', REPORTS: reports };
    const [cmd, ...cmdArgs] = scriptOf(shards);
    const codes = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        exec(cmd as string, cmdArgs, { cwd: ROOT, env: { ...process.env, ...envOf(shards), ...small, JOB_COMPLETION_INDEX: String(i) } }).then(
          () => 0,
          (e: { code: number }) => e.code,
        ),
      ),
    );
    expect(codes).toEqual(new Array(n).fill(0)); // each pod succeeds: a failing property is the merge's to report
    const [mcmd, ...margs] = scriptOf(merge);
    const merged = await exec(mcmd as string, margs, { cwd: ROOT, env: { ...process.env, ...envOf(merge), REPORTS: reports } }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(merged.stdout).toMatch(/^dst merge: 4 reports of smoke, bad-input on pre-fix, random seeds 0\.\.9 \(20 runs\)/);
    const files = Array.from({ length: n }, (_, i) => join(reports, `shard-${i}.json`));
    const again = await report(['merge', ...files]);
    const all = await report(['run', ...small.DST_ARGS.split(' '), '--seeds', small.DST_SEEDS]);
    expect(merged.code).toBe(all.code);
    expect(again.text).toBe(all.text);
    expect(readFileSync(join(reports, 'dst-junit.xml'), 'utf8')).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
  }, 180_000);
});

describe('the GitHub Actions workflow', () => {
  const wf = parseYaml(readFileSync(join(ROOT, 'examples/ci/github-actions.yml'), 'utf8')) as { jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: { run?: string }[] }> };

  it('runs one shard per matrix entry, 1-based, then merges them', () => {
    const shards = wf.jobs.shard?.strategy?.matrix.shard ?? [];
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    const run = wf.jobs.shard?.steps.map((s) => s.run ?? '').join('\n') ?? '';
    expect(run).toContain(`--shard \${{ matrix.shard }}/${shards.length} --json`);
    expect(wf.jobs.merge?.needs).toBe('shard');
    expect(wf.jobs.merge?.steps.map((s) => s.run ?? '').join('\n')).toContain('npx dst merge shard-*.json --junit dst-junit.xml');
  });
});

describe('bad merges are bad input', () => {
  it('a missing shard, a shard twice, a shard of another sweep, a file that is not a report: one line, exit 2', async () => {
    const args = ['run', '--variant', 'hardened', '--scenario', 'tiny', '--seeds', '0..5'];
    const s1 = save('b1.json', (await report([...args, '--shard', '1/3'])).text);
    const s2 = save('b2.json', (await report([...args, '--shard', '2/3'])).text);
    const other = save('b3.json', (await report([...args.slice(0, -1), '0..6', '--shard', '3/3'])).text);
    const junk = save('junk.json', '{"passed": true}');
    for (const [argv, pattern] of [
      [[s1, s2], /^dst: merge: shard 3\/3 missing \(every shard of the sweep is needed\)\n$/],
      [[s1, s1, s2], /are both shard 1\/3/],
      [[s1, s2, other], /b3\.json: seeds differs from .*b1\.json's: not a shard of the same sweep/],
      [[junk], /^dst: report .*junk\.json: runs: /],
      [[], /^dst: error: missing required argument 'reports'|^dst: missing required argument/],
    ] as const) {
      const r = await runCli(['merge', ...argv]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  }, 60_000);
});
