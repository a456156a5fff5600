/**
 * Swarm mode shows what it drew (issue 15): each failure in `dst run --swarm --json` has
 * the switches its seed drew (pre-run decisions labelled `swarm.*`) and the configuration
 * values they changed; `dst replay --swarm` prints them, first in `--trace text`.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './testing/run-cli.ts';

interface Switches {
  draws: { label: string; width: number; choice: number }[];
  changed: { path: string; from: unknown; to: unknown }[];
}

describe('swarm switches', () => {
  it('each failure in --json has the switches its seed drew (swarm.* labels) and what they changed', async () => {
    const r = await runCli(['run', '--variant', 'upstream', '--scenario', 'smoke', '--seeds', '0..3', '--swarm', '--json', '--workers', '1']);
    const report = JSON.parse(r.stdout) as { failures: { seed: number; switches?: Switches }[] };
    const f = report.failures[0];
    expect(f?.switches?.draws.length).toBeGreaterThan(5);
    for (const d of f?.switches?.draws ?? []) {
      expect(d.label).toMatch(/^swarm\./);
      expect(d.choice).toBeLessThan(d.width);
    }
    expect(f?.switches?.changed.length).toBeGreaterThan(0);
    const replay = await runCli(['replay', '--seed', String(f?.seed), '--scenario', 'smoke', '--variant', 'upstream', '--swarm', '--json']);
    expect((JSON.parse(replay.stdout) as { switches: Switches }).switches).toEqual(f?.switches);
  }, 60_000);

  it('replay --swarm --trace text lists the switches first, as pre-run decisions', async () => {
    const r = await runCli(['replay', '--seed', '3', '--scenario', 'smoke', '--variant', 'upstream', '--swarm', '--trace', 'text', '--to', '0']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^ +0\.000s +0 +swarm \(pre-run\) +swarm\.fault\.reject429 = \d \(of 3\)$/);
    expect(lines.filter((l) => l.includes('swarm (pre-run)')).length).toBeGreaterThan(19);
    expect(r.stderr).toMatch(/^swarm switches: 19 drawn \(swarm\.fault\.reject429=/m);
  });

  it("each bug's smallest run carries its switches: bugs[].smallest.switches in --json, one line of what they changed in its human block", async () => {
    const args = ['run', '--variant', 'pre-fix', '--scenario', 'smoke', '--seeds', '0..3', '--swarm', '--workers', '1'];
    const j = JSON.parse((await runCli([...args, '--json'])).stdout) as { bugs: { smallest: { seed: number; switches?: Switches } }[]; failures: { seed: number; switches?: Switches }[] };
    expect(j.bugs.length).toBeGreaterThan(0);
    for (const b of j.bugs) expect(b.smallest.switches).toEqual(j.failures.find((f) => f.seed === b.smallest.seed)?.switches);
    const text = await runCli([...args, '--quiet']);
    const blocks = text.stdout.split('\n').filter((l) => l.startsWith('✗ ')).length;
    expect(text.stdout.match(/^ {4}smallest run's swarm switches \(\d+ drawn\) (changed \S+ .* → |left the configuration as written)/gm)?.length).toBe(blocks);
  }, 60_000);

  it('without --swarm there are none', async () => {
    const r = await runCli(['replay', '--seed', '3', '--scenario', 'smoke', '--variant', 'upstream', '--json']);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('switches');
  });
});
