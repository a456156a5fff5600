/**
 * Fuzzing the bad-input promise: whatever the arguments, scenario files, repro files or
 * output paths, the CLI answers with exit 0, 1 or 2, never a stack trace, exit 2 is
 * exactly one line, no file content is echoed, nothing is written outside the given
 * folder and no temp or partial file is left (cli/fuzz/suite.ts; `npm run acceptance`
 * runs the same properties with 100 times the inputs).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../harness/input-error.ts';
import { parseScenario } from '../scenario/load.ts';
import { BASE_RUNS, fuzzProperty, PROPERTY_NAMES } from './fuzz/suite.ts';

describe('CLI fuzzing: the contract holds for every input (cli/fuzz/)', () => {
  for (const name of PROPERTY_NAMES) {
    it(`${name}: exit 0, 1 or 2; on 2 one stderr line; no stack; nothing echoed; nothing written outside the given folder; no temp or partial file`, async () => {
      const r = await fuzzProperty(name, 1);
      expect(r.inputs).toBe(BASE_RUNS[name]);
    }, 120_000);
  }
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
