/**
 * The kill check Stryker adds to the engine's unit tests: a sampled part of the default
 * `dst run` sweep on `hardened`, which passes every property, so a mutant that makes any
 * property fail anywhere in it is killed. Sample: every default scenario plus the
 * queued-shutdown scenario, one to three seeds each, and a small scenario with the faults those
 * seeds rarely draw (about 5 s on 2 cores; the default sweep is 200 seeds
 * on `upstream`; `upstream` already fails properties, so it cannot serve as the
 * baseline). Used only by `mutation/vitest.config.ts`, never by `npm test`.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from '../harness/case.ts';
import { parseScenario } from '../scenario/load.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';

/**
 * Faults the shipped sample rarely draws in so few seeds: wrong item counts, malformed
 * bodies, item errors, and a pending-dispatch limit.
 */
const FAULTS = parseScenario(
  {
    name: 'mutation-faults',
    durationS: 5,
    drainS: 30,
    bulker: { maxPendingBulkDispatches: 4 },
    elasticsearch: { wrongItemCount: 0.15, malformedBody: 0.05, itemConflict: 0.1, itemServerError: 0.05 },
    workload: {
      agents: 10,
      startSpreadS: 0.5,
      backgroundMultiUpdateEveryS: 1,
      checkin: { actionSearch: 0.5, upgradeUpdate: 1, disconnect: 0.1, longPollS: { min: 0.3, max: 0.6 }, gapS: { min: 0, max: 0.1 } },
    },
  },
  'mutation-faults',
);

/** Scenario and seeds of the sample. */
export const MUTATION_SAMPLE: readonly { readonly scenario: string | ReturnType<typeof parseScenario>; readonly seeds: readonly number[] }[] = [
  { scenario: FAULTS, seeds: [0, 1, 2] },
  { scenario: 'tiny', seeds: [0, 1, 2] },
  { scenario: 'smoke', seeds: [0] },
  { scenario: 'bad-input', seeds: [0, 1] },
  { scenario: 'policy-change', seeds: [0] },
  { scenario: 'es-brownout', seeds: [0] },
  { scenario: 'shutdown-queued', seeds: [0, 1] },
  { scenario: 'shutdown-under-load', seeds: [0] },
  { scenario: 'checkin-storm', seeds: [0] },
];

describe('sampled sweep on hardened: every property holds', () => {
  for (const { scenario, seeds } of MUTATION_SAMPLE) {
    it(typeof scenario === 'string' ? scenario : scenario.name, () => {
      for (const seed of seeds) {
        const r = runCase(engineCase({ scenario, variant: 'hardened', seed })).report;
        expect(r.violations.map((v) => `seed ${seed}: ${v.property}: ${v.message}`)).toEqual([]);
      }
    });
  }
});
