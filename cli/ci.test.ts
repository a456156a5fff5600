/**
 * `dst run` in CI (issue 15): a wall-clock budget, N seeds from a random start, --bail
 * (at the same failure on one thread or two), JUnit XML as CI systems read it, and
 * a header and report that say what swarm mode and the determinism check did.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { testTempDir } from '../test/temp-dirs.ts';
import { quiet, replayArgv, runCli } from './testing/run-cli.ts';

interface Failure {
  seed: number;
  scenario: string;
  variant: string;
  property: string;
  replay: string;
  traceHash: string;
  violationCounts: Record<string, number>;
  switches?: { draws: { label: string; width: number; choice: number }[]; changed: { path: string }[] };
}
interface Report {
  passed: boolean;
  runs: number;
  seeds: string;
  random?: { start: number; count: number };
  budget?: { seconds: number; seeds: number; stopped: boolean; rerun?: string };
  bail?: { stopped: boolean };
  failures: Failure[];
  retention: { runs: { scenario: string; variant: string; seed: number }[] };
  timing?: { wallMs: number[]; runMs: number[] };
  traceHash?: string;
}

async function json(argv: readonly string[]): Promise<{ code: number; report: Report; text: string }> {
  const r = await runCli([...argv, '--json', ...quiet(argv)]);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as Report, text: r.stdout };
}

const untimed = (r: Report) => {
  const { timing: _t, ...rest } = r;
  return rest;
};

describe('--budget', () => {
  it('runs whole seeds from the start seed until the budget is spent, and says how many', async () => {
    const { report } = await json(['run', '--scenario', 'smoke', '--scenario', 'tiny', '--budget', '1s', '--workers', '1']);
    expect(report.runs).toBeGreaterThan(0);
    expect(report.runs % 2).toBe(0); // whole seeds of both scenarios
    expect(report.budget).toEqual({ seconds: 1, seeds: report.runs / 2, stopped: true, rerun: `--seeds 0..${report.runs / 2 - 1}` });
    expect(report.retention.runs.map((r) => r.seed)).toEqual([...Array.from({ length: report.runs / 2 }, (_, i) => i), ...Array.from({ length: report.runs / 2 }, (_, i) => i)]);
  }, 60_000);

  it('is the report of the same seeds run without a budget (only the set of seeds varies)', async () => {
    const b = await json(['run', '--variant', 'pre-fix', '--scenario', 'smoke', '--budget', '1s', '--workers', '1']);
    const rerun = (b.report.budget as { rerun: string }).rerun.split(' '); // what the report says reruns exactly these
    const plain = await json(['run', '--variant', 'pre-fix', '--scenario', 'smoke', ...rerun]);
    const { budget: _b, seeds: _s, ...rest } = untimed(b.report);
    const { seeds: _s2, ...restPlain } = untimed(plain.report);
    expect(rest).toEqual(restPlain);
  }, 60_000);

  it('sharded, its rerun flags name the shard and rerun exactly its seeds', async () => {
    const b = await json(['run', '--variant', 'pre-fix', '--scenario', 'tiny', '--budget', '1s', '--shard', '2/3', '--workers', '1']);
    const rerun = (b.report.budget as { rerun: string }).rerun;
    expect(rerun).toMatch(/^--seeds 0\.\.\d+ --shard 2\/3$/);
    expect(b.report.retention.runs.map((r) => r.seed % 3)).toEqual(new Array(b.report.runs).fill(1));
    const plain = await json(['run', '--variant', 'pre-fix', '--scenario', 'tiny', ...rerun.split(' ')]);
    const { budget: _b, seeds: _s, ...rest } = untimed(b.report);
    const { seeds: _s2, ...restPlain } = untimed(plain.report);
    expect(rest).toEqual(restPlain);
  }, 60_000);

  it('on worker threads too', async () => {
    const { report } = await json(['run', '--scenario', 'smoke', '--budget', '1s', '--workers', '2']);
    expect(report.runs).toBeGreaterThan(0);
    expect(report.budget?.stopped).toBe(true);
    expect(report.retention.runs.map((r) => r.seed)).toEqual(Array.from({ length: report.runs }, (_, i) => i));
  }, 60_000);
});

describe('--seeds random:N', () => {
  it('runs N seeds from a start picked at random, named in the header and the JSON; replay commands stay exact', async () => {
    const { report } = await json(['run', '--variant', 'pre-fix', '--scenario', 'checkin-storm', '--seeds', 'random:3']);
    const start = report.random?.start as number;
    expect(report.random).toEqual({ start, count: 3 });
    expect(report.seeds).toBe(`${start}..${start + 2}`);
    expect(report.runs).toBe(3);
    const f = report.failures[0] as Failure;
    expect(f.replay).toBe(`npx dst replay --seed ${f.seed} --scenario checkin-storm --variant pre-fix`);
    expect((await json(replayArgv(f.replay))).report.traceHash).toBe(f.traceHash);
    const text = await runCli(['run', '--variant', 'hardened', '--scenario', 'tiny', '--seeds', 'random:2', '--quiet']);
    expect(text.stdout).toMatch(/^dst run: tiny on hardened, random seeds (\d+)\.\.\d+ \(random:2, start \1 picked at random\) \(2 runs\)\n/);
    const [, a, b] = /random seeds (\d+)\.\.(\d+)/.exec(text.stdout) as RegExpExecArray;
    expect(text.stdout).toContain(`rerun exactly these with --seeds ${a}..${b} instead of --seeds random:2`);
  }, 60_000);
});

describe('--bail', () => {
  it('stops at the first failure, in the same place on one thread and on two', async () => {
    const args = ['run', '--variant', 'pre-fix', '--scenario', 'smoke', '--scenario', 'checkin-storm', '--seeds', '0..39', '--bail'];
    const one = await json([...args, '--workers', '1']);
    const two = await json([...args, '--workers', '2']);
    expect(one.code).toBe(1);
    expect(one.report.bail).toEqual({ stopped: true });
    expect(one.report.failures).toHaveLength(1);
    expect(one.report.runs).toBeLessThan(80);
    expect(two.text).toBe(one.text); // byte for byte
  }, 60_000);
});

describe('--junit', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'property'].includes(name) });
  type Case = { name: string; classname: string; time: string; failure?: { message: string; type: string; '#text': string }[]; error?: unknown[] };
  type Suite = { name: string; tests: string; failures: string; errors: string; skipped: string; time: string; testcase: Case[]; properties: { property: { name: string; value: string }[] } };

  it('writes JUnit XML: testsuites > testsuite per scenario and variant > testcase per property, one failure element per failing property', async () => {
    const dir = testTempDir('junit');
    const file = join(dir, 'out', 'dst.xml');
    const { report } = await json(['run', '--variant', 'pre-fix', '--scenario', 'smoke', '--scenario', 'policy-change', '--seeds', '0..4', '--junit', file]);
    expect(readdirSync(join(dir, 'out'))).toEqual(['dst.xml']); // written atomically: no temp file left
    const xml = readFileSync(file, 'utf8');
    const doc = parser.parse(xml) as { testsuites: { name: string; tests: string; failures: string; errors: string; time: string; testsuite: Suite[] } };
    const root = doc.testsuites;
    expect(root.testsuite.map((s) => s.name)).toEqual(['bulk-engine: smoke on pre-fix', 'bulk-engine: policy-change on pre-fix']);
    let failures = 0;
    for (const s of root.testsuite) {
      const scenario = s.name.split(': ')[1]?.split(' on ')[0] as string;
      const failing = new Set(report.failures.filter((f) => f.scenario === scenario).flatMap((f) => Object.keys(f.violationCounts)));
      expect(s.testcase.map((c) => c.name)).not.toContain('determinism'); // not checked without --check-determinism
      expect(Number(s.tests)).toBe(s.testcase.length);
      expect(Number(s.failures)).toBe(failing.size);
      expect(Number(s.time)).toBeGreaterThan(0);
      for (const c of s.testcase) {
        expect(c.classname).toBe(`dst.bulk-engine.pre-fix.${scenario}`);
        expect(c.time).toMatch(/^\d+\.\d{3}$/);
        if (!failing.has(c.name)) {
          expect(c.failure).toBeUndefined();
          continue;
        }
        expect(c.failure).toHaveLength(1);
        const f = c.failure?.[0] as { message: string; type: string; '#text': string };
        expect(f.type).toBe(c.name);
        expect(f.message).toMatch(new RegExp(`^\\d+ of 5 runs failed ${c.name}; first seed \\d+: `));
        expect(f['#text']).toContain('replay: npx dst replay --seed ');
        failures++;
      }
      expect(s.properties.property).toContainEqual({ name: 'seeds', value: '0..4' });
    }
    expect(Number(root.failures)).toBe(failures);
    expect(Number(root.tests)).toBe(root.testsuite.reduce((n, s) => n + s.testcase.length, 0));
    expect(failures).toBeGreaterThan(1);
  }, 60_000);

  it('--junit-per-run: one test case per run, a failure for each failing run', async () => {
    const dir = testTempDir('junit-run');
    const file = join(dir, 'runs.xml');
    const { report } = await json(['run', '--variant', 'pre-fix', '--scenario', 'smoke', '--seeds', '0..9', '--junit', file, '--junit-per-run']);
    const doc = parser.parse(readFileSync(file, 'utf8')) as { testsuites: { testsuite: Suite[] } };
    const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases.map((c) => c.name)).toEqual(Array.from({ length: 10 }, (_, i) => `seed ${i}`));
    expect(cases.filter((c) => c.failure !== undefined).map((c) => c.name)).toEqual(report.failures.map((f) => `seed ${f.seed}`));
  }, 60_000);

  it('a --junit path that cannot be written is bad input, before anything runs', async () => {
    const dir = testTempDir('junit-bad');
    const r = await runCli(['run', '--scenario', 'tiny', '--seed', '0', '--junit', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dst: --junit: .* is a folder, not a file\n$/);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});

describe('the header and the report say what ran', () => {
  it('--swarm: the header names swarm mode', async () => {
    const text = await runCli(['run', '--variant', 'upstream', '--scenario', 'smoke', '--seeds', '0..3', '--swarm', '--quiet']);
    expect(text.stdout.split('\n')[0]).toMatch(/, swarm mode \(fault kinds and option values switched on or off per seed\)$/);
  });

  it('--check-determinism: the header says every run is re-run elsewhere, and the report counts runs and re-runs apart', async () => {
    const r = await runCli(['run', '--variant', 'hardened', '--scenario', 'tiny', '--seeds', '0..1', '--check-determinism', '--quiet']);
    expect(r.stdout.split('\n')[0]).toMatch(/\(2 runs, each re-run in a separate process \(TZ=.*\) to check determinism\)$/);
    expect(r.stdout).toMatch(/determinism: 2 re-runs in a separate process/);
  }, 60_000);
});
