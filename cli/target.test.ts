/**
 * A second target, from outside the package's internals: the example worker pool imports
 * only the public entry `dst`, and every command works on it through the CLI.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './testing/run-cli.ts';

const T = './examples/worker-pool/target.ts';
const dir = mkdtempSync(join(tmpdir(), 'dst-target-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a target from outside the package', () => {
  it('imports nothing but the public entry', () => {
    const src = readFileSync(T, 'utf8');
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual(['dst']);
  });

  it('run finds the leak, and its replay command reproduces the failure with the same hash', async () => {
    const r = await runCli(['run', '--target', T, '--seeds', '0..9', '--json', '--save', dir]);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout) as { target: string; bugs: { signature: string }[]; failures: { property: string; replay: string; traceHash: string; message: string }[] };
    expect(rep.target).toBe('worker-pool');
    const f = rep.failures[0];
    expect(f?.property).toBe('no-stuck-tasks');
    expect(f?.message).toMatch(/blocked forever .*: worker-\d waiting on send on result-\d/);
    expect(f?.replay).toContain(`--target ${T}`);
    const again = await runCli([...(f?.replay ?? '').split(' ').slice(2), '--json']);
    expect(again.code).toBe(1);
    expect((JSON.parse(again.stdout) as { traceHash: string }).traceHash).toBe(f?.traceHash);
    // One file per distinct bug, named by its signature.
    expect(rep.bugs.map((b) => b.signature)).toEqual(['no-stuck-tasks: deadlock: worker-* send on result-*']);
    const saved = readdirSync(dir).filter((n) => n.startsWith('worker-pool-no-stuck-tasks-deadlock-worker-send-on-result-'));
    expect(saved.length).toBe(1);
  });

  it('explore exhausts the fixed variant and finds the leak in the buggy one', async () => {
    const fixed = await runCli(['explore', '--target', T, '--variant', 'fixed', '--max-schedules', '100000', '--json']);
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ exhausted: true, passed: true });
    const buggy = await runCli(['explore', '--target', T, '--variant', 'buggy', '--save', dir, '--json']);
    expect(buggy.code).toBe(1);
    const b = JSON.parse(buggy.stdout) as { failure: { property: string }; saved: string };
    expect(b.failure.property).toBe('no-stuck-tasks');
    const replay = await runCli(['replay', b.saved, '--target', T, '--check']);
    expect(replay.code).toBe(0);
  });

  it('shrink keeps the failure of a saved repro; a repro of a non-shipped target needs --target', async () => {
    const file = join(dir, readdirSync(dir).find((n) => n.startsWith('worker-pool-no-stuck-tasks-')) as string);
    const out = join(dir, 'shrunk.json');
    const s = await runCli(['shrink', file, '--target', T, '--out', out, '--json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ property: 'no-stuck-tasks' });
    expect((await runCli(['replay', out, '--target', T, '--check'])).code).toBe(0);
    const bare = await runCli(['replay', out]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/target "worker-pool" is not shipped with dst; give its module with --target PATH/);
  });

  it('list --json shows it with its variants, configurations and the core properties', async () => {
    const r = await runCli(['list', '--target', T, '--json']);
    const t = (JSON.parse(r.stdout) as { targets: { name: string; variants: { name: string }[]; configurations: { name: string }[]; properties: { name: string; core: boolean }[] }[] }).targets[0];
    expect(t?.name).toBe('worker-pool');
    expect(t?.variants.map((v) => v.name)).toEqual(['buggy', 'fixed']);
    expect(t?.configurations.map((c) => c.name)).toEqual(['default']);
    expect(t?.properties.map((p) => p.name)).toEqual(['determinism', 'no-panic', 'data-race', 'no-stuck-tasks']);
  });
});

describe('bad --target', () => {
  const bad = join(dir, 'not-a-target.ts');
  writeFileSync(bad, 'export default { name: "x" };\n');
  const none = join(dir, 'no-default.ts');
  writeFileSync(none, 'export const x = 1;\n');
  const broken = join(dir, 'broken.ts');
  writeFileSync(broken, 'export default (;\n');
  it.each([
    ['a missing module', './nope.ts', /^dst: --target: no such file \.\/nope\.ts\n$/],
    ['a module without a default export', none, /^dst: --target: .*no-default\.ts has no default export \(export default defineTarget\(\{\.\.\.\}\)\)\n$/],
    ['a default export that is not a target', bad, /^dst: --target: .*not-a-target\.ts: its default export is not a target: x: description must be a string\n$/],
    ['a module that does not compile', broken, /^dst: --target: .*broken\.ts could not be loaded: .+\n$/],
    ['an unknown shipped name', 'no-such-target', /^dst: --target: unknown target "no-such-target" \(shipped: bulk-engine.*\n$/],
  ])('%s: one line, exit 2', async (_what, ref, line) => {
    const r = await runCli(['run', '--target', ref, '--seeds', '0..1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(line);
    expect(r.stdout).toBe('');
  });
});
