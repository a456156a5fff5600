/**
 * Issue 13, item 4: budgets for memory and wall time. Schema-valid scenarios that reached
 * the 4 GB heap (100,000 agents for a day, 10 agents with zero latency and gaps, 1,000
 * background callers every millisecond) are refused before they run; numbers the model
 * cannot represent are one line, not a ZodError stack; runs stop at a heap or wall budget
 * with a reported outcome; --workers is capped at the cores there are.
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';
import { expectBadInput, file, scratch } from './scratch.ts';

const dir = scratch('budgets');
const TINY = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/scenarios/tiny.json'), 'utf8')) as Record<string, unknown>;
const scenario = (name: string, s: object) => file(dir, `${name}.json`, JSON.stringify({ name, durationS: 60, ...s }));

describe('schema-valid scenarios that cannot fit are refused before they run', () => {
  const cases: Array<[string, object]> = [
    ['100,000 agents for a day', { durationS: 86_400, workload: { agents: 100_000 } }],
    ['10 agents with zero latency and gaps for a day', { durationS: 86_400, elasticsearch: { latencyMs: { min: 0, max: 0 } }, workload: { agents: 10, checkin: { longPollS: { min: 0, max: 0 }, gapS: { min: 0, max: 0 } } } }],
    ['1,000 background callers every millisecond for a day', { durationS: 86_400, workload: { agents: 0, backgroundCallers: { count: 1000, everyS: 0.001 } } }],
    ['1,000 enrollments per second for a day', { durationS: 86_400, workload: { agents: 0, enrollmentsPerS: 1000 } }],
  ];
  for (const [name, s] of cases) {
    it(name, async () => {
      const f = scenario(name.replace(/\W+/g, '-').toLowerCase(), s);
      expectBadInput(await runCli(['run', '--scenario', f, '--seed', '0']), /^dst: scenario .*\.json: needs about [\d,]+ MB of heap for about [\d,]+ engine calls .*\(mostly from workload\..*\), more than the heap budget of [\d,]+ MB/);
    });
  }
  it('the wall budget is part of the check: a small --max-wall refuses a long scenario up front', async () => {
    expectBadInput(await runCli(['replay', '--seed', '0', '--scenario', 'incident', '--max-wall', '100ms']), /^dst: scenario incident: needs about [\d.,]+ s of wall time .* more than the wall budget of 0\.10 s/);
  });
});

describe('numbers the model cannot represent are one line naming the field', () => {
  const cases: Array<[string, object, RegExp]> = [
    ['a brownout latencyMs.max of 1e20 (was exit 3 with a 20-line ZodError stack)', { elasticsearch: { brownouts: [{ atS: 1, forS: 1, latencyMs: { min: 1, max: 1e20 } }] } }, /elasticsearch\.brownouts\.0\.latencyMs\.max: Too big/],
    ['an inverted brownout latency range (the same at top level was already refused)', { elasticsearch: { brownouts: [{ atS: 1, forS: 1, latencyMs: { min: 10, max: 1 } }] } }, /elasticsearch\.brownouts\.0\.latencyMs: min must not exceed max/],
    ['10,000 enrollments per second (gaps in whole ms would be zero)', { workload: { enrollmentsPerS: 10_000 } }, /workload\.enrollmentsPerS: Too big/],
    ['background callers every nanosecond', { workload: { backgroundCallers: { count: 1, everyS: 1e-9 } } }, /workload\.backgroundCallers\.everyS: Too small/],
    ['a brownout a billion seconds in', { elasticsearch: { brownouts: [{ atS: 1e9, forS: 1, latencyMs: { min: 1, max: 1 } }] } }, /elasticsearch\.brownouts\.0\.atS: Too big/],
    ['a long poll of 1e300 seconds', { workload: { checkin: { longPollS: { min: 1, max: 1e300 } } } }, /workload\.checkin\.longPollS\.max: Too big/],
    ['a flush interval of a nanosecond', { bulker: { flushIntervalMs: 1e-6 } }, /bulker\.flushIntervalMs: Too small/],
  ];
  for (const [name, s, pattern] of cases) {
    it(name, async () => {
      const f = scenario(name.replace(/\W+/g, '-').toLowerCase().slice(0, 40), { ...TINY, ...s, name: 'probe' });
      expectBadInput(await runCli(['replay', '--seed', '0', '--scenario', f]), pattern);
    });
  }
});

describe('runs stop at a heap or wall budget with a reported outcome, never a crash', () => {
  it('--max-wall 20ms stops each run as a tool limit: listed apart from failures, one stderr line, exit 2', async () => {
    // 20 ms passes the up-front estimate (about 0.1 s, refused only past ten times the budget); the run itself takes longer.
    const r = await runCli(['run', '--variant', 'hardened', '--scenario', 'checkin-storm', '--seeds', '0..1', '--max-wall', '20ms', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dst: 2 runs stopped by a budget of dst \(not a finding\): checkin-storm seed 0: wall-clock budget of 20 ms reached \(--max-wall\)/);
    const rep = JSON.parse(r.stdout) as { passed: boolean; failures: unknown[]; limits: { seed: number; limit: string }[] };
    expect(rep.passed).toBe(false);
    expect(rep.failures).toEqual([]);
    expect(rep.limits.map((l) => l.seed)).toEqual([0, 1]);
  });

  it('--max-heap-mb 16 stops a replay at the heap budget', async () => {
    const r = await runCli(['replay', '--seed', '0', '--scenario', 'checkin-storm', '--variant', 'hardened', '--max-heap-mb', '16']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/the run ended with resource-budget/);
    expect(r.stderr).toMatch(/^dst: 1 run stopped by a budget of dst \(not a finding\): checkin-storm seed 0: heap budget of 16 MB reached/);
  });

  it('a scenario\'s own budgets.maxWallS works like --max-wall', async () => {
    const storm = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/scenarios/checkin-storm.json'), 'utf8')) as object;
    const f = scenario('storm-budget', { ...storm, name: 'storm-budget', budgets: { maxWallS: 0.02 } });
    const r = await runCli(['replay', '--seed', '0', '--scenario', f, '--variant', 'hardened', '--json']);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as { outcome: string }).outcome).toBe('resource-budget');
  });

  it('budget flags are validated: a heap budget past the heap limit, a malformed duration', async () => {
    expectBadInput(await runCli(['run', '--scenario', 'tiny', '--max-heap-mb', '9999999']), /--max-heap-mb: 9999999 is more than this process's heap limit of \d+ MB/);
    expectBadInput(await runCli(['run', '--scenario', 'tiny', '--max-wall', '5x']), /--max-wall: "5x" is not a duration/);
  });
});

describe('--workers', () => {
  it('256 workers on this machine are capped at its cores, with a warning', async () => {
    const r = await runCli(['run', '--variant', 'hardened', '--scenario', 'tiny', '--seeds', '0..3', '--workers', '256', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`dst: warning: --workers 256 is more than the ${availableParallelism()} available core${availableParallelism() === 1 ? '' : 's'}; using ${availableParallelism()}\n`);
  }, 30_000);
});
