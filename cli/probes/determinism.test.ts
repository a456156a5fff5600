/**
 * Issue 13, item 5: `--check-determinism` runs the second copy of every case in a separate
 * process with another time zone, locale, environment and working folder, so
 * host-dependent values the guard cannot trap (`process.env`, `new Date(2020, 0, 1)`,
 * `toLocaleString`, `Intl`) show up as a `determinism` failure naming the first diverging
 * decision or event; the report counts runs and re-runs separately.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

const target = join(import.meta.dirname, '../../harness/testing/host-target.ts');

interface Report {
  passed: boolean;
  runs: number;
  reruns: number;
  rerunHost: string;
  failures: { property: string; message: string }[];
}

async function check(variant: string): Promise<{ code: number; report: Report }> {
  const r = await runCli(['run', '--target', target, '--variant', variant, '--seeds', '0..1', '--check-determinism', '--json']);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

describe('--check-determinism on another host', () => {
  const cases: Array<[string, RegExp]> = [
    ['env', /first diverging decision #0: host-target\.pick \(width \d\) chose \d here, host-target\.pick \(width \d\) chose \d there$/],
    ['tz', /first diverging event #\d+ \(step \d+, [\d.]+s\): reader note "local midnight 2020-01-01 is \d+" here, reader note "local midnight 2020-01-01 is \d+" there/],
    ['locale', /first diverging event #\d+ .*: reader note "formatted 1,234\.5" here, reader note "formatted 1\.234,5" there/],
    ['intl', /first diverging event #\d+ .*: reader note "time zone [^"]+" here, reader note "time zone Pacific\/Chatham" there/],
  ];
  for (const [variant, where] of cases) {
    it(`${variant}: a determinism failure naming where the two runs part`, async () => {
      const { code, report } = await check(variant);
      expect(code).toBe(1);
      expect(report.runs).toBe(2);
      expect(report.reruns).toBe(2);
      expect(report.failures).toHaveLength(2);
      const f = report.failures[0];
      expect(f?.property).toBe('determinism');
      expect(f?.message).toMatch(/^the same case gave (two trace hashes|one trace hash \([0-9a-f]{16}\) but two decision lists): [0-9a-f]{16} here, [0-9a-f]{16} in a separate process \(TZ=[^,]+, LANG=[^,]+, another environment and working folder\); /);
      expect(f?.message).toMatch(where);
    }, 30_000);
  }

  it('clean: passes, with runs and re-runs counted apart', async () => {
    const { code, report } = await check('clean');
    expect(code).toBe(0);
    expect(report).toMatchObject({ passed: true, runs: 2, reruns: 2 });
    expect(report.rerunHost).toMatch(/^TZ=/);
  }, 30_000);

  it('the human report says so too', async () => {
    const r = await runCli(['run', '--target', target, '--variant', 'clean', '--seeds', '0..2', '--check-determinism']);
    expect(r.stdout).toMatch(/\(3 runs, each re-run in a separate process \(TZ=/);
    expect(r.stdout).toMatch(/determinism: 3 re-runs in a separate process \(.*\); 0 gave another trace/);
  }, 30_000);
});
