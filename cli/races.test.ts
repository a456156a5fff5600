/**
 * The data race through the CLI: `dst run` reports it (its replay command reproduces the
 * property and the trace hash), `--no-races` turns it off without changing the hash, and
 * `dst explore` stops at it.
 */
import { describe, expect, it } from 'vitest';
import { replayArgv, runCli } from './testing/run-cli.ts';

interface Report {
  passed: boolean;
  traceHash: string;
  failures: { property: string; message: string; replay: string; traceHash: string }[];
}

describe('data-race through dst', () => {
  it('run reports it, replay reproduces it, --no-races hides it and keeps the hash', async () => {
    const on = await runCli(['run', '--scenario', 'api-key-race', '--variant', 'upstream', '--seed', '10', '--json']);
    expect(on.code).toBe(1);
    const r = JSON.parse(on.stdout) as Report;
    const f = r.failures[0]!;
    expect(f.property).toBe('data-race');
    expect(f.message).toMatch(/^data race on block \d+\.\d+ \.next: .*flushUpdateAPIKey: n\.next after send/);
    const again = JSON.parse((await runCli([...replayArgv(f.replay), '--json'])).stdout) as Report;
    expect([again.failures[0]?.property, again.traceHash]).toEqual(['data-race', f.traceHash]);
    const off = await runCli(['run', '--scenario', 'api-key-race', '--variant', 'upstream', '--seed', '10', '--no-races', '--json']);
    expect(off.code).toBe(0);
    expect((JSON.parse(off.stdout) as Report).traceHash).toBe(f.traceHash);
  });

  it('a failure found with --no-races replays with --no-races, so the replay checks what the run checked', async () => {
    const off = await runCli(['run', '--scenario', 'policy-change', '--variant', 'upstream', '--seed', '0', '--no-races', '--json']);
    expect(off.code).toBe(1);
    const f = (JSON.parse(off.stdout) as Report).failures[0]!;
    expect(f.replay).toMatch(/ --no-races$/);
    const again = JSON.parse((await runCli([...replayArgv(f.replay), '--json'])).stdout) as Report & { violations?: { property: string }[] };
    expect([again.failures[0]?.property, again.traceHash]).toEqual([f.property, f.traceHash]);
    const ex = await runCli(['explore', '--scenario', 'tiny', '--variant', 'pre-fix', '--no-races', '--json']);
    expect((JSON.parse(ex.stdout) as { failure: { replay: string } }).failure.replay).toMatch(/ --no-races$/);
  });

  it('hardened has none', async () => {
    const h = await runCli(['run', '--scenario', 'api-key-race', '--variant', 'hardened', '--seeds', '0..9', '--json']);
    expect(h.code).toBe(0);
  });
});
