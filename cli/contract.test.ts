/**
 * The `dst` contract (DESIGN §7) end to end: exit codes, `--json` reports, replay
 * commands that reproduce the property and trace hash, exploration, `--save`, shards
 * and workers.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quiet, replayArgv, runCli } from './testing/run-cli.ts';
import { testTempDir } from '../test/temp-dirs.ts';

interface Failure {
  seed: number;
  scenario: string;
  variant: string;
  property: string;
  message: string;
  traceHash: string;
  replay: string;
}
interface Report {
  passed: boolean;
  runs: number;
  failures: Failure[];
  traceHash?: string;
}

async function json(argv: string[]): Promise<{ code: number; report: Report; text: string }> {
  const r = await runCli([...argv, '--json', ...quiet(argv)]);
  expect(r.stderr).toBe('');
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return { code: r.code, report: JSON.parse(lines[0] as string) as Report, text: r.stdout };
}

describe('dst run / replay', () => {
  it('pre-fix on checkin-storm fails block-lifecycle, and every replay command reproduces property and hash', async () => {
    const { code, report } = await json(['run', '--variant', 'pre-fix', '--scenario', 'checkin-storm', '--seeds', '0..9']);
    expect(code).toBe(1);
    expect(report.passed).toBe(false);
    expect(report.runs).toBe(10);
    expect(report.failures.some((f) => f.property === 'block-lifecycle')).toBe(true);
    for (const f of report.failures.slice(0, 4)) {
      expect(f.replay).toBe(`npx dst replay --seed ${f.seed} --scenario checkin-storm --variant pre-fix`);
      const again = await json(replayArgv(f.replay));
      expect(again.code).toBe(1);
      expect(again.report.failures[0]?.property).toBe(f.property);
      expect(again.report.traceHash).toBe(f.traceHash);
    }
  }, 60_000);

  it('the same seed twice gives the same trace hash', async () => {
    const a = await json(['run', '--variant', 'upstream', '--scenario', 'es-brownout', '--seed', '7']);
    const b = await json(['run', '--variant', 'upstream', '--scenario', 'es-brownout', '--seed', '7']);
    expect(a.report.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(b.report.traceHash).toBe(a.report.traceHash);
  });

  it('--check-determinism passes on the real engine', async () => {
    const { code, report } = await json(['run', '--variant', 'hardened', '--scenario', 'smoke', '--seeds', '0..2', '--check-determinism']);
    expect(code).toBe(0);
    expect(report.passed).toBe(true);
  });

  it('--save writes one repro file per distinct bug, which replays to its signature, and skips bugs DIR already has', async () => {
    const dir = testTempDir('save');
    const { report } = await json(['run', '--variant', 'upstream', '--scenario', 'bad-input', '--seeds', '0..2', '--save', dir]);
    const bugs = (report as unknown as { bugs: { signature: string; property: string }[] }).bugs;
    const files = readdirSync(dir).sort();
    expect(bugs.length).toBeGreaterThan(0);
    expect(files).toHaveLength(bugs.length);
    for (const f of files) {
      const replayed = await json(['replay', join(dir, f)]);
      const sigs = (replayed.report.failures[0] as unknown as { violations: { signature: string }[] }).violations.map((v) => v.signature);
      const repro = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { signature: string; expect: string };
      expect(sigs).toContain(repro.signature);
      expect(bugs.map((b) => b.signature)).toContain(repro.signature);
    }
    const again = await json(['run', '--variant', 'upstream', '--scenario', 'bad-input', '--seeds', '0..5', '--save', dir]);
    const skipped = (again.report as unknown as { skipped: { signature: string }[] }).skipped.map((s) => s.signature);
    expect(skipped).toEqual(expect.arrayContaining(bugs.map((b) => b.signature)));
    expect(readdirSync(dir).length).toBe(new Set([...bugs.map((b) => b.signature), ...(again.report as unknown as { bugs: { signature: string }[] }).bugs.map((b) => b.signature)]).size);
  });

  it('shards partition the seeds, and worker threads give the same reports as one thread', async () => {
    const all = await json(['run', '--variant', 'upstream', '--scenario', 'smoke', '--scenario', 'bad-input', '--seeds', '0..5']);
    const s1 = await json(['run', '--variant', 'upstream', '--scenario', 'smoke', '--scenario', 'bad-input', '--seeds', '0..5', '--shard', '1/2']);
    const s2 = await json(['run', '--variant', 'upstream', '--scenario', 'smoke', '--scenario', 'bad-input', '--seeds', '0..5', '--shard', '2/2']);
    expect(s1.report.runs + s2.report.runs).toBe(all.report.runs);
    const key = (f: Failure) => `${f.scenario}/${f.seed}/${f.traceHash}`;
    expect([...s1.report.failures, ...s2.report.failures].map(key).sort()).toEqual(all.report.failures.map(key).sort());
    // Worker threads change nothing in the report: byte for byte the same JSON (no --timing).
    const workers = await json(['run', '--variant', 'upstream', '--scenario', 'smoke', '--scenario', 'bad-input', '--seeds', '0..5', '--workers', '2']);
    expect(all.report.failures.length).toBeGreaterThan(0);
    expect(workers.text).toBe(all.text);
  }, 60_000);
});

describe('dst explore', () => {
  it('finds a violation on tiny with pre-fix', async () => {
    const r = await runCli(['explore', '--scenario', 'tiny', '--variant', 'pre-fix', '--json']);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout) as { passed: boolean; violations: { property: string }[] };
    expect(rep.passed).toBe(false);
    expect(rep.violations[0]?.property).toBe('block-lifecycle');
  });

  it('without --save writes no file, and its --choices replay command reproduces the failure exactly', async () => {
    const T = './examples/worker-pool/target.ts';
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('dst-explore'));
    const r = await runCli(['explore', '--target', T, '--variant', 'buggy', '--json']);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout) as { saved: string | null; failure: { replay: string; traceHash: string; property: string } };
    expect(rep.saved).toBeNull();
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('dst-explore'))).toEqual(before);
    expect(rep.failure.replay).toMatch(/^npx dst replay --target \S+ --scenario default --variant buggy --choices [\d,]+$/);
    const again = await json(replayArgv(rep.failure.replay));
    expect(again.code).toBe(1);
    expect(again.report.traceHash).toBe(rep.failure.traceHash);
    expect(again.report.failures[0]?.property).toBe(rep.failure.property);
    expect(again.report.failures[0]?.replay).toBe(rep.failure.replay);
  });

  it('exhausts the space of tiny with hardened, reduced and without a bound by default, with no violation', async () => {
    const r = await runCli(['explore', '--scenario', 'tiny', '--variant', 'hardened', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as { exhausted: boolean; schedules: number; classes: number; redundant: number; reduction: string; bound: unknown; violations: unknown[] };
    expect(rep).toMatchObject({ exhausted: true, complete: true, reduction: 'dpor', bound: 'none', violations: [] });
    expect(rep.classes).toBeGreaterThan(1);
    expect(rep.schedules).toBe(rep.classes + rep.redundant);
    expect(r.stderr).toBe('');
  }, 60_000);

  it('without reduction, exhausts tiny under bound 2 (every schedule), and bound + reduction says it may miss schedules', async () => {
    const none = await runCli(['explore', '--scenario', 'tiny', '--variant', 'hardened', '--reduction', 'none', '--json']);
    expect(JSON.parse(none.stdout)).toMatchObject({ exhausted: true, reduction: 'none', bound: 2, classes: null, redundant: 0, schedules: 7528 });
    const both = await runCli(['explore', '--scenario', 'tiny', '--variant', 'hardened', '--bound', '2', '--json']);
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout)).toMatchObject({ exhausted: true, complete: false });
    expect(JSON.parse(none.stdout)).toMatchObject({ complete: true });
    expect(both.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--bound 2 with --reduction dpor may miss schedules/)]);
    // Exhausted within the bound, yet the verdict is not a proof: it says so, and points at the search that is one.
    const human = await runCli(['explore', '--scenario', 'tiny', '--variant', 'hardened', '--bound', '2']);
    expect(human.stdout).toMatch(/no violation in the schedules explored within 2 preemptions; not a proof: .*--reduction none/);
    expect(human.stdout).not.toMatch(/every property holds/);
    // A slip space cut by the budget points at a bound, and at the search that is complete within it.
    const slips = await runCli(['explore', '--scenario', 'tiny-slips', '--variant', 'hardened', '--max-schedules', '30', '--quiet']);
    expect(slips.stdout).toMatch(/not exhausted .*try --bound 2, with --reduction none for a complete search within it/);
  }, 60_000);

  it('under a target\'s fairness bound, an exhausted reduced search is not called a proof', async () => {
    const fair = await runCli(['explore', '--target', 'goker/moby_27782', '--variant', 'fixed', '--quiet']);
    expect(fair.code).toBe(0);
    expect(fair.stdout).toMatch(/space exhausted/);
    expect(fair.stdout).toMatch(/no violation in the schedules explored; not a proof: under the target's fairness bound \(64\) the reduction may miss schedules \(--reduction none explores every schedule within the preemption bound that the fairness bound allows\)/);
    expect(fair.stdout).not.toMatch(/every property holds/);
    const json = await runCli(['explore', '--target', 'goker/moby_27782', '--variant', 'fixed', '--quiet', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ exhausted: true, complete: false });
    const plain = await runCli(['explore', '--target', 'goker/moby_27782', '--variant', 'fixed', '--reduction', 'none', '--quiet']);
    expect(plain.stdout).toMatch(/every property holds on every schedule within 2 preemptions/);
    // dst run --strategy exhaustive explores reduced too, and warns as dst explore does.
    const run = await runCli(['run', '--strategy', 'exhaustive', '--target', 'goker/moby_27782', '--variant', 'fixed']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^dst run --strategy exhaustive: goker\/moby_27782 runs under a fairness bound \(64\); .*use dst explore --reduction none for a complete search within it$/m);
    expect(run.stdout).toMatch(/not a proof: under the target's fairness bound/);
  }, 60_000);
});

describe('the installed bin', () => {
  it('`dst list --json` runs through cli/bin.js (tsx registered)', () => {
    const out = execFileSync(process.execPath, [join(import.meta.dirname, 'bin.js'), 'list', '--json'], { encoding: 'utf8' });
    const list = JSON.parse(out) as { targets: { name: string; variants: { name: string; source?: string }[]; configurations: { name: string }[]; properties: { name: string }[] }[] };
    const engine = list.targets.find((t) => t.name === 'bulk-engine');
    expect(engine?.configurations.map((s) => s.name)).toEqual(expect.arrayContaining(['smoke', 'checkin-storm', 'shutdown-under-load', 'es-brownout', 'bad-input', 'tiny', 'incident']));
    expect(engine?.variants.map((v) => v.name)).toEqual(['upstream', 'main', 'release-9.5', 'release-9.4', 'release-9.3', 'release-8.19', 'pr-6747', 'pre-fix', 'hardened']);
    // Each release variant names the upstream commit it models.
    const source = (n: string) => engine?.variants.find((v) => v.name === n)?.source;
    expect(source('release-8.19')).toContain('elastic/fleet-server@05ede1d6392deb56dffb073245739fae644cbd05');
    expect(source('release-9.3')).toContain('elastic/fleet-server@32d5c4052c50701b23861cb47cbc44f7e9404251');
    expect(source('release-9.4')).toContain('elastic/fleet-server@c1ba69b8ef963cd36065dc24b747e37f187e88d7');
    expect(source('release-9.5')).toContain('elastic/fleet-server@37a8331c5dc9a06d7f828b299f2cfbce144c44a7');
    expect(source('main')).toContain('elastic/fleet-server@dc8e230794627c92f294bc17522c9a87e6226ca1');
    expect(engine?.properties.map((p) => p.name)).toEqual(['determinism', 'no-panic', 'use-after-free', 'double-free', 'data-race', 'no-stuck-tasks', 'run-alive', 'call-deadline', 'counted-resources', 'one-outcome-per-call', 'durable-acks', 'request-oracle', 'answer-oracle', 'read-your-writes', 'explained-errors', 'fault-free-success', 'block-lifecycle']);
  });
});

describe('dst run --strategy exhaustive', () => {
  it('prints one JSON report for all scenarios', async () => {
    const r = await runCli(['run', '--strategy', 'exhaustive', '--scenario', 'tiny', '--scenario', 'tiny', '--variant', 'pre-fix', '--json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const rep = JSON.parse(lines[0] as string) as { passed: boolean; runs: number; failures: { property: string }[]; explored: unknown[] };
    expect(rep.passed).toBe(false);
    expect(rep.failures.map((f) => f.property)).toEqual(['block-lifecycle', 'block-lifecycle']);
    expect(rep.explored).toHaveLength(2);
  });

  it('explores as dst explore does by default: reduced, no bound, so tiny-2 is covered completely', async () => {
    const r = await runCli(['run', '--strategy', 'exhaustive', '--scenario', 'tiny-2', '--variant', 'hardened', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as { passed: boolean; explored: { reduction: string; bound: unknown; exhausted: boolean; complete: boolean; schedules: number }[] };
    expect(rep.passed).toBe(true);
    expect(rep.explored[0]).toMatchObject({ reduction: 'dpor', bound: 'none', exhausted: true, complete: true });
  });
});

describe('dst replay --check', () => {
  it('exits 0 when a regression file still matches, 1 when its hash drifted', async () => {
    const file = join(import.meta.dirname, '../fixtures/regressions/v3-cancel-after-enqueue-pre-fix-0.json');
    expect((await runCli(['replay', file, '--check'])).code).toBe(0);
    const dir = testTempDir('check');
    const drifted = join(dir, 'drifted.json');
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(drifted, readFileSync(file, 'utf8').replace(/"traceHash": "[0-9a-f]{16}"/, '"traceHash": "0000000000000000"'));
    const r = await runCli(['replay', drifted, '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/differs from the repro file/);
  });
});

describe('flag values that look like flags', () => {
  it('a --note whose text starts with a flag name is a value, not a repeated flag', async () => {
    const dir = testTempDir('note');
    const r = await runCli(['replay', '--seed', '1', '--scenario', 'tiny', '--variant', 'hardened', '--save', dir, '--note', '--seed=3 was the other one']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
