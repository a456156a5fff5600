/**
 * The findings a Go engineer acts on, through the CLI: distinct bugs (far fewer than the
 * failing runs), each with a severity and a smallest case whose replay command shows its
 * signature again in a fresh process; the most severe printed first; a stuck task's
 * retained blocks; go-strategy runs that replay bit for bit; the cross-variant matrix.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../properties/severity.ts';
import { quiet, replayArgv, runCli } from './testing/run-cli.ts';
import { testTempDir } from '../test/temp-dirs.ts';

const exec = promisify(execFile);
const BIN = join(import.meta.dirname, 'bin.js');

interface Bug {
  signature: string;
  property: string;
  severity: string;
  runs: number;
  firstSeed: number;
  smallest: { scenario: string; seed: number; steps: number; decisions: number; replay: string; retained: { finalRetained: number; finalRetainedBytes: number; finalParkedTasks: number } };
  variants: string[];
  runsByVariant: Record<string, number>;
}
interface RunJson {
  runs: number;
  failures: { replay: string; traceHash: string; violations: { signature: string }[] }[];
  bugs: Bug[];
  variants?: string[];
}

async function runJson(argv: string[]): Promise<RunJson> {
  const r = await runCli([...argv, '--json', ...quiet(argv)]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as RunJson;
}

const rank = (s: string) => (s === 'determinism' ? -1 : SEVERITIES.indexOf(s as never));

/** Runs `dst replay ... --json` as a fresh `node cli/bin.js` process; returns the signatures it shows. */
async function freshReplay(command: string): Promise<string[]> {
  const { stdout } = await exec(process.execPath, [BIN, ...replayArgv(command), '--json']).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
  const rep = JSON.parse(stdout) as RunJson;
  return rep.failures.flatMap((f) => f.violations.map((v) => v.signature));
}

describe('distinct bugs', () => {
  it('the default scenarios on upstream give far fewer bugs than failing runs; each has a severity, most severe first, and a smallest replay that shows its signature in a fresh process', async () => {
    const rep = await runJson(['run', '--seeds', '0..19']);
    expect(rep.runs).toBe(220); // 11 default scenarios × 20 seeds
    expect(rep.failures.length).toBeGreaterThan(50);
    expect(rep.bugs.length * 3).toBeLessThan(rep.failures.length);
    for (const b of rep.bugs) {
      expect(SEVERITIES as readonly string[]).toContain(b.severity);
      expect(b.signature.startsWith(`${b.property}: `)).toBe(true);
      expect(b.runs).toBeGreaterThan(0);
      for (const c of (b as Bug & { consequences: { signature: string; runs: number }[] }).consequences) expect(c.runs).toBeLessThanOrEqual(b.runs);
      expect(b.smallest.replay).toMatch(/^npx dst replay --seed \d+ --scenario \S+ --variant upstream$/);
    }
    for (let i = 1; i < rep.bugs.length; i++) expect(rank((rep.bugs[i] as Bug).severity)).toBeGreaterThanOrEqual(rank((rep.bugs[i - 1] as Bug).severity));
    expect(rep.bugs[0]?.severity).toBe('crash'); // scenario typed-nil's panic leads (issue #17), then the use-after-free
    expect(rep.bugs.some((b) => b.severity === 'memory-corruption')).toBe(true);
    // One fresh process per distinct replay command, two at a time.
    const commands = [...new Set(rep.bugs.map((b) => b.smallest.replay))];
    const shown = new Map<string, string[]>();
    for (let i = 0; i < commands.length; i += 2) {
      const batch = commands.slice(i, i + 2);
      const results = await Promise.all(batch.map(freshReplay));
      batch.forEach((c, j) => shown.set(c, results[j] as string[]));
    }
    for (const b of rep.bugs) expect(shown.get(b.smallest.replay), b.signature).toContain(b.signature);
  }, 240_000);

  it('the human report prints one block per bug, the most severe first, with what it costs in Go, before the table', async () => {
    const r = await runCli(['run', '--scenario', 'bad-input', '--scenario', 'policy-change', '--seeds', '0..5']);
    const rep = await runJson(['run', '--scenario', 'bad-input', '--scenario', 'policy-change', '--seeds', '0..5']);
    const lines = r.stdout.split('\n');
    const blocks = lines.filter((l) => l.startsWith('✗ '));
    expect(blocks[0]).toBe(`✗ ${rep.bugs[0]?.signature}`);
    expect(blocks.length).toBe(Math.min(15, rep.bugs.length));
    const firstIdx = lines.indexOf(blocks[0] as string);
    expect(lines[firstIdx + 1]).toMatch(/^ {4}(crash|memory corruption): in Go, /);
    expect(r.stdout.indexOf('distinct bug')).toBeLessThan(r.stdout.indexOf('scenario   '));
    expect(r.stdout).toContain('pool accounting: in Go, an object not returned to its sync.Pool');
  }, 60_000);

  it('a stuck-task bug says how many blocks its stuck tasks retain at the end', async () => {
    const rep = await runJson(['run', '--scenario', 'shutdown-under-load', '--seeds', '0..2']);
    const stuck = rep.bugs.find((b) => b.property === 'no-stuck-tasks');
    expect(stuck?.severity).toBe('liveness');
    expect(stuck?.smallest.retained.finalRetained).toBeGreaterThan(0);
    expect(stuck?.smallest.retained.finalRetainedBytes).toBeGreaterThan(0);
    expect(stuck?.smallest.retained.finalParkedTasks).toBeGreaterThan(0);
    const human = await runCli(['run', '--scenario', 'shutdown-under-load', '--seeds', '0..2']);
    expect(human.stdout).toMatch(/retains at the end: \d+ blocks \(\d+(\.\d)? (B|KiB)\) held by \d+ parked tasks/);
  }, 60_000);
});

describe('--strategy go', () => {
  it('replays bit for bit: from the replay command, from a saved repro file, with another GOMAXPROCS', async () => {
    const dir = testTempDir('go');
    for (const procs of ['2', '4']) {
      const rep = await runJson(['run', '--scenario', 'tiny', '--variant', 'pre-fix', '--strategy', 'go', '--gomaxprocs', procs, '--seeds', '0..5', '--save', dir]);
      expect(rep.failures.length).toBeGreaterThan(0);
      for (const f of rep.failures) {
        expect(f.replay).toContain('--strategy go');
        if (procs === '4') expect(f.replay).toContain('--gomaxprocs 4');
        const again = await runCli([...replayArgv(f.replay), '--json']);
        expect((JSON.parse(again.stdout) as { traceHash: string }).traceHash).toBe(f.traceHash);
      }
    }
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect((JSON.parse(readFileSync(join(dir, f), 'utf8')) as { strategy: { kind: string } }).strategy.kind).toBe('go');
      expect((await runCli(['replay', join(dir, f), '--check'])).code).toBe(0);
    }
  }, 60_000);

  it('--go-seeds says per bug how many go-strategy seeds found it', async () => {
    const rep = (await runJson(['run', '--scenario', 'tiny', '--variant', 'pre-fix', '--seeds', '0..3', '--go-seeds', '4'])) as RunJson & { bugs: Array<Bug & { go: { found: number; seeds: number; procs: number } }> };
    for (const b of rep.bugs) expect(b.go).toMatchObject({ seeds: 4, procs: 2 });
    expect(rep.bugs[0]?.go.found).toBeGreaterThan(0);
  }, 60_000);
});

describe('--variant all', () => {
  it('runs every variant and prints a bug × variant matrix', async () => {
    const rep = await runJson(['run', '--variant', 'all', '--scenario', 'tiny', '--scenario', 'bad-input', '--seeds', '0..2']);
    expect(rep.variants).toEqual(['upstream', 'main', 'release-9.5', 'release-9.4', 'release-9.3', 'release-8.19', 'pr-6747', 'pre-fix', 'hardened']);
    expect(rep.runs).toBe(54);
    const cancel = rep.bugs.find((b) => b.signature.startsWith('block-lifecycle: ReadRaw: context canceled without free'));
    // The release lines without #6747 have pre-fix's abort paths.
    expect(cancel?.variants).toEqual(['release-9.4', 'release-9.3', 'release-8.19', 'pre-fix']);
    for (const b of rep.bugs) expect(b.runsByVariant.hardened ?? 0).toBe(0);
    const human = await runCli(['run', '--variant', 'pre-fix,hardened', '--scenario', 'tiny', '--seeds', '0..2']);
    const header = human.stdout.split('\n').findIndex((l) => l.startsWith('pre-fix  hardened  bug'));
    expect(header).toBeGreaterThan(0);
    expect(human.stdout.split('\n')[header + 1]).toMatch(/^ +\d+ +- +block-lifecycle: ReadRaw: context canceled without free/);
    const bad = await runCli(['run', '--variant', 'pre-fix,nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--variant: unknown variant "nope"/);
  }, 60_000);
});
