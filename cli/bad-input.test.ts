/**
 * Bad input gets one clear line naming the field, exit code 2, and no file written.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing/run-cli.ts';
import { testTempDir } from '../test/temp-dirs.ts';

const dir = testTempDir('bad-input');
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const malformedScenario = file('malformed.json', '{"name": "x", "durationS": ');
const outOfRange = file('out-of-range.json', JSON.stringify({ name: 'x', durationS: 10, workload: { agents: -1 } }));
const unknownKey = file('unknown-key.json', JSON.stringify({ name: 'x', durationS: 10, workload: { agnets: 3 } }));
const badRepro = file('bad-repro.json', '{"format": "dst-repro/1", "scenario": "tiny"');
const badReproField = file('bad-repro-field.json', JSON.stringify({ format: 'dst-repro/1', scenario: 'tiny', variant: 'nope', strategy: { kind: 'random', seed: 1 }, expect: 'pass', traceHash: '0000000000000000' }));

const cases: Array<[string, string[], RegExp]> = [
  ['unknown flag', ['run', '--bogus'], /unknown option '--bogus'/],
  ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
  ['unknown variant', ['run', '--variant', 'nope'], /--variant: unknown variant "nope" of target bulk-engine \(allowed: upstream, main, release-9.5, release-9.4, release-9.3, release-8.19, pr-6747, pre-fix, hardened\)/],
  ['unknown scenario', ['run', '--scenario', 'nope'], /--scenario: unknown scenario "nope" of target bulk-engine \(known: .*tiny/],
  ['malformed scenario file', ['run', '--scenario', malformedScenario], /scenario .*malformed\.json: malformed JSON/],
  ['out-of-range scenario field', ['run', '--scenario', outOfRange], /scenario .*out-of-range\.json: workload\.agents: /],
  ['unknown scenario key', ['run', '--scenario', unknownKey], /scenario .*unknown-key\.json: workload: unknown key "agnets"/],
  ['repro file that does not parse', ['replay', badRepro], /repro file .*bad-repro\.json: malformed JSON/],
  ['repro file with a bad field', ['replay', badReproField], /repro file .*bad-repro-field\.json: variant: /],
  ['missing repro file', ['replay', join(dir, 'absent.json')], /repro file .*absent\.json: cannot be read/],
  ['empty seed range', ['run', '--seeds', '5..1'], /--seeds: 5\.\.1 is empty: A must not exceed B/],
  ['malformed seed range', ['run', '--seeds', '1-5'], /--seeds: "1-5" is not a range A\.\.B/],
  ['shard out of range', ['run', '--shard', '3/2'], /--shard: 3\/2 needs 1 <= I <= N/],
  ['a 0-based shard (JOB_COMPLETION_INDEX as given)', ['run', '--shard', '0/4'], /--shard: 0\/4: I counts from 1 \(1\.\.4, as vitest's --shard\); a Kubernetes Indexed Job's 0-based JOB_COMPLETION_INDEX is --shard \$\(\(JOB_COMPLETION_INDEX \+ 1\)\)\/4/],
  ['too many shards', ['run', '--shard', '1/100000'], /--shard: 1\/100000 needs 1 <= N <= 10000/],
  ['zero workers', ['run', '--workers', '0'], /--workers: 0 is out of range/],
  ['unknown strategy', ['run', '--strategy', 'bfs'], /--strategy: "bfs" is not allowed \(allowed: random, pct, go, exhaustive\)/],
  ['bad bound', ['explore', '--bound', 'x'], /--bound: "x" is not a non-negative integer or none/],
  ['bad reduction', ['explore', '--reduction', 'por'], /--reduction: "por" is not allowed \(allowed: dpor, none\)/],
  ['bad trace format', ['replay', '--seed', '1', '--scenario', 'tiny', '--trace', 'pdf'], /--trace: "pdf" is not allowed \(allowed: text, json, html\)/],
  ['seed and seeds together', ['run', '--seed', '1', '--seeds', '0..3'], /--seed and --seeds/],
  ['a repro file with case flags', ['replay', join(import.meta.dirname, '../fixtures/regressions/v3-cancel-after-enqueue-pre-fix-0.json'), '--variant', 'hardened'], /replay: a repro FILE fixes the case; drop --variant/],
  ['--trace with --json but no --out', ['replay', '--seed', '1', '--scenario', 'tiny', '--trace', 'text', '--json'], /--trace with --json needs --out FILE/],
  ['exhaustive with seeds', ['run', '--strategy', 'exhaustive', '--scenario', 'tiny', '--seeds', '0..3'], /--strategy exhaustive: --seeds do not apply/],
  ['--save under a file', ['run', '--scenario', 'tiny', '--seed', '1', '--save', join(dir, 'malformed.json', 'sub')], /--save: cannot write into .*malformed\.json\/sub: ENOTDIR/],
  ['a flag given twice', ['run', '--variant', 'pre-fix', '--variant', 'hardened'], /--variant: given twice; give it once/],
  ['--out without --trace', ['replay', '--seed', '1', '--scenario', 'tiny', '--out', join(dir, 'x.txt')], /--out: it is where --trace goes/],
  ['--out that is a folder', ['replay', '--seed', '1', '--scenario', 'tiny', '--trace', 'text', '--out', dir], /--out: .* is a folder, not a file/],
  ['a folder as --scenario', ['run', '--scenario', `${dir}/`], /--scenario: .* is a folder, not a regular file/],
  ['--check without a file', ['replay', '--seed', '1', '--scenario', 'tiny', '--check'], /--check: compares with a repro FILE/],
  ['a misspelled flag', ['run', '--senario', 'smoke'], /^dst: unknown option '--senario'; did you mean --scenario\?\n$/],
  ['a misspelled command', ['rnu'], /^dst: unknown command 'rnu'; did you mean run\?\n$/],
  ['a misspelled scenario', ['run', '--scenario', 'chekin-storm'], /unknown scenario "chekin-storm" of target bulk-engine; did you mean "checkin-storm"\? \(known: /],
  ['a misspelled variant', ['run', '--variant', 'prefix'], /unknown variant "prefix" of target bulk-engine; did you mean "pre-fix"\? \(allowed: /],
  ['a misspelled target', ['run', '--target', 'goker/cockroach_548'], /unknown target "goker\/cockroach_548"; did you mean "goker\/cockroach_584"\? \(shipped: /],
  ['--choices that is not a list', ['replay', '--scenario', 'tiny', '--choices', '1,,2'], /--choices: "1,,2" is not a comma list of non-negative integers/],
  ['--choices with --seed', ['replay', '--scenario', 'tiny', '--seed', '1', '--choices', '0'], /--choices: a decision list fixes the case; drop --seed/],
  ['a bad --budget', ['run', '--budget', 'soon'], /--budget: "soon" is not a duration \(e\.g\. 90s, 10m/],
  ['--seeds random:0', ['run', '--seeds', 'random:0'], /--seeds: "random:0" is not random:N with 1 <= N <= /],
  ['random seeds with a shard', ['run', '--seeds', 'random:5', '--shard', '1/2'], /--seeds random:N with --shard: every shard would pick its own start/],
  ['--junit-per-run without --junit', ['run', '--junit-per-run'], /--junit-per-run: it shapes the --junit file; give --junit FILE too/],
  ['--go-seeds with --shard', ['run', '--go-seeds', '5', '--shard', '1/2'], /--go-seeds: its pass depends on the bugs of every shard/],
  ['a word for --workers', ['run', '--workers', 'many'], /--workers: "many" is not a positive integer/],
  ['exhaustive with a budget', ['run', '--strategy', 'exhaustive', '--scenario', 'tiny', '--budget', '5s'], /--strategy exhaustive: --budget do not apply/],
];

describe('bad input: one line, exit 2, nothing written', () => {
  for (const [name, argv, pattern] of cases) {
    it(name, async () => {
      const out = join(dir, `save-${name.replace(/\W+/g, '-')}`);
      const r = await runCli([...argv, ...((argv[0] === 'run' || argv[0] === 'explore') && !argv.includes('--save') ? ['--save', out] : [])]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.endsWith('\n')).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('wrote nothing into the scratch folder besides the inputs', () => {
    expect(readdirSync(dir).sort()).toEqual(['bad-repro-field.json', 'bad-repro.json', 'malformed.json', 'out-of-range.json', 'unknown-key.json']);
  });
});
