/**
 * Fuzzing the bad-input promise: whatever the arguments or the scenario file, the CLI
 * answers with exit 0, 1 or 2, never a stack trace, and exit 2 is exactly one line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../harness/input-error.ts';
import { parseScenario } from '../scenario/load.ts';
import { runCli } from './testing/run-cli.ts';

const value = fc.oneof(
  fc.constantFrom('tiny', 'smoke', 'nope', 'pre-fix', 'hardened', 'upstream', '0..2', '5..1', '1/2', '3/2', '0', '1', '-1', 'x', 'text', 'json', 'pdf', '', '../../etc'),
  fc.string({ maxLength: 6 }),
);
const flag = fc.constantFrom('--scenario', '--variant', '--strategy', '--seeds', '--seed', '--shard', '--workers', '--bound', '--max-schedules', '--trace', '--json', '--swarm', '--bogus', '-x');
// Only cheap cases can be valid: the tiny scenario, a few seeds, a small exploration budget.
const argv = fc
  .tuple(fc.constantFrom('run', 'replay', 'explore', 'list', 'shrink', 'nope'), fc.array(fc.tuple(flag, value), { maxLength: 4 }))
  .map(([cmd, pairs]) => {
    const args: string[] = [cmd];
    for (const [f, v] of pairs) {
      args.push(f);
      if (f !== '--json' && f !== '--swarm') args.push(f === '--scenario' ? (v === 'smoke' ? 'tiny' : v) : f === '--max-schedules' ? '5' : f === '--seeds' && v === '0..2' ? '0..1' : v);
    }
    if (cmd === 'run' || cmd === 'explore') args.push('--scenario', 'tiny', '--max-schedules', '5');
    return args;
  });

describe('CLI fuzzing', () => {
  it('never throws; exit 2 is one line on stderr and nothing on stdout', async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const r = await runCli(args);
        expect([0, 1, 2]).toContain(r.code);
        if (r.code === 2) {
          expect(r.stdout).toBe('');
          expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        }
      }),
      { numRuns: 150, seed: 4711 },
    );
  }, 120_000);

  it('the scenario loader accepts a scenario or rejects it with one InputError line naming the field', () => {
    const scenarioLike = fc.record(
      {
        name: fc.oneof(fc.constant('fuzz'), fc.string({ maxLength: 5 })),
        durationS: fc.oneof(fc.double(), fc.integer(), fc.constant('10')),
        drainS: fc.oneof(fc.double(), fc.integer()),
        workload: fc.oneof(fc.constant({}), fc.record({ agents: fc.integer({ min: -5, max: 200_000 }), unknownAgents: fc.double() }, { requiredKeys: [] }), fc.anything()),
        elasticsearch: fc.oneof(fc.constant({}), fc.record({ latencyMs: fc.record({ min: fc.integer({ min: -1, max: 10 }), max: fc.integer({ min: -1, max: 10 }) }), hang: fc.double() }, { requiredKeys: [] })),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(scenarioLike, fc.anything()), (raw) => {
        try {
          parseScenario(raw, 'fuzz.json');
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          const msg = (e as InputError).message;
          expect(msg.startsWith('scenario fuzz.json: ')).toBe(true);
          expect(msg.includes('\n')).toBe(false);
        }
      }),
      { numRuns: 1000, seed: 4711 },
    );
  });
});
