/**
 * `dst explore` with partial-order reduction on the bulk engine: tiny with two agents (a
 * copy made here, only `agents` changed) is exhausted on hardened without a preemption
 * bound and fails on pre-fix; so are the shipped small scenarios of two and three callers
 * (tiny-2, tiny-3, api-key-2), and api-key-2 shows the post-send `n.next` race on every
 * variant before hardened; on tiny, the reduction finds the violated properties plain DFS
 * finds, with at least 5x fewer schedules (tiny-slips: `npm run acceptance`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exploreCase, exploreSpec } from '../harness/explore.ts';
import { loadTarget } from '../harness/targets.ts';
import { runCli } from './testing/run-cli.ts';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function twoAgentCopy(): string {
  const tiny = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/scenarios/tiny.json'), 'utf8')) as { workload: { agents: number } };
  tiny.workload.agents = 2;
  const dir = mkdtempSync(join(tmpdir(), 'dst-dpor-'));
  made.push(dir);
  const path = join(dir, 'tiny-two-agents.json');
  writeFileSync(path, JSON.stringify(tiny));
  return path;
}

/** Every property violated anywhere in the space (what `dst explore --keep-going` reports), and the schedules it took. */
async function violatedEverywhere(variant: string, reduction: 'dpor' | 'none', bound: number) {
  const r = exploreCase(exploreSpec(await loadTarget(undefined), 'tiny', variant), bound, 200_000, { reduction, keepGoing: true });
  return { exhausted: r.exhausted, schedules: r.schedules, props: r.violated.map((v) => v.property).sort() };
}

describe('dst run --coverage', () => {
  it('reports pairs of dependent steps, those seen in one order only, and new pairs per block of seeds', async () => {
    const r = await runCli(['run', '--scenario', 'tiny-2', '--variant', 'hardened', '--seeds', '0..19', '--coverage', '--json']);
    expect(r.code).toBe(0);
    const c = (JSON.parse(r.stdout) as { coverage: { variant: string; pairs: number; oneOrderOnly: number; blockSize: number; newPerBlock: number[] }[] }).coverage[0];
    expect(c).toMatchObject({ variant: 'hardened', blockSize: 2 });
    expect(c?.pairs).toBeGreaterThan(0);
    expect(c?.oneOrderOnly).toBeLessThanOrEqual(c?.pairs ?? 0);
    expect(c?.newPerBlock).toHaveLength(10);
  }, 60_000);

  it('is bad input with the exhaustive strategy', async () => {
    const r = await runCli(['run', '--scenario', 'tiny', '--strategy', 'exhaustive', '--coverage']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^dst: --coverage: /);
  });
});

describe('dst explore --reduction dpor on the bulk engine', () => {
  it('tiny with two agents: exhausted on hardened with no bound and no violation', async () => {
    const r = await runCli(['explore', '--scenario', twoAgentCopy(), '--variant', 'hardened', '--reduction', 'dpor', '--bound', 'none', '--max-schedules', '100000', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as { exhausted: boolean; passed: boolean; schedules: number; classes: number; redundant: number };
    expect(rep).toMatchObject({ exhausted: true, passed: true });
    expect(rep.classes + rep.redundant).toBe(rep.schedules);
  }, 180_000);

  it('tiny with two agents: fails on pre-fix (the leak)', async () => {
    const r = await runCli(['explore', '--scenario', twoAgentCopy(), '--variant', 'pre-fix', '--bound', 'none', '--json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { failure: { property: string } }).failure.property).toBe('block-lifecycle');
  }, 60_000);

  // tiny-slips (time slips) is checked the same way, both at bound 2, by `npm run acceptance` (plain DFS takes 32,005 schedules there).
  it('tiny on pre-fix: the same violated properties as plain DFS (bound 2), with at least 5x fewer schedules and no bound', async () => {
    const dfs = await violatedEverywhere('pre-fix', 'none', 2);
    const dpor = await violatedEverywhere('pre-fix', 'dpor', Number.POSITIVE_INFINITY);
    expect(dfs.exhausted && dpor.exhausted).toBe(true);
    expect(dpor.props).toEqual(dfs.props);
    expect(dpor.props).toContain('block-lifecycle');
    expect(dpor.schedules * 5).toBeLessThanOrEqual(dfs.schedules);
  }, 120_000);

  it('--keep-going explores past failures: every violated property, with its failing schedules', async () => {
    const r = await runCli(['explore', '--scenario', 'tiny', '--variant', 'pre-fix', '--reduction', 'none', '--keep-going', '--quiet', '--json']);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout) as { exhausted: boolean; schedules: number; failingSchedules: number; violated: { property: string; schedules: number }[]; failure: { property: string } };
    expect(rep.exhausted).toBe(true);
    expect(rep.failingSchedules).toBeGreaterThan(1);
    expect(rep.failingSchedules).toBeLessThanOrEqual(rep.schedules);
    expect(rep.violated.map((v) => v.property)).toContain('block-lifecycle');
    expect(rep.violated.every((v) => v.schedules <= rep.failingSchedules)).toBe(true);
    expect(rep.violated.map((v) => v.property)).toContain(rep.failure.property);
  }, 60_000);
});

describe('the shipped small scenarios of two and three callers, explored completely without a bound', () => {
  type Report = { exhausted: boolean; passed: boolean; schedules: number; classes: number; redundant: number; failure: { property: string } | null };
  const explore = async (scenario: string, variant: string) => {
    const r = await runCli(['explore', '--scenario', scenario, '--variant', variant, '--quiet', '--json']);
    return { code: r.code, report: JSON.parse(r.stdout) as Report };
  };

  for (const scenario of ['tiny-2', 'tiny-3', 'api-key-2']) {
    it(`${scenario}: exhausted on hardened, no violation, each complete run its own class`, async () => {
      const { code, report } = await explore(scenario, 'hardened');
      expect(code).toBe(0);
      expect(report).toMatchObject({ exhausted: true, passed: true });
      expect(report.classes + report.redundant).toBe(report.schedules);
    }, 120_000);
  }

  it('tiny-2 and tiny-3 fail on pre-fix (the leak PR #6747 fixed); pr-6747 and upstream close it for three callers', async () => {
    for (const scenario of ['tiny-2', 'tiny-3']) expect((await explore(scenario, 'pre-fix')).report.failure?.property).toBe('block-lifecycle');
    for (const variant of ['pr-6747', 'upstream']) expect((await explore('tiny-3', variant)).report).toMatchObject({ exhausted: true, passed: true });
  }, 120_000);

  it("api-key-2: pre-fix, pr-6747 and upstream read n.next after the send, racing with the caller's free", async () => {
    for (const variant of ['pre-fix', 'pr-6747', 'upstream']) {
      const { code, report } = await explore('api-key-2', variant);
      expect(code).toBe(1);
      expect(report.failure?.property).toBe('data-race');
    }
  }, 120_000);
});
