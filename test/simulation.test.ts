/**
 * Seeded simulations as part of the suite, written with the `simulationTest` helper
 * (this file doubles as its usage example).
 */
import { describe } from 'vitest';
import { simulationTest } from '../harness/vitest.ts';

describe('hardened passes every shipped scenario (a slice of seeds; `dst run --variant hardened` sweeps more)', () => {
  for (const scenario of ['smoke', 'checkin-storm', 'shutdown-under-load', 'es-brownout', 'bad-input', 'tiny']) {
    simulationTest(`hardened: ${scenario}`, { scenario, variant: 'hardened', seeds: '0..9' });
  }
  simulationTest('hardened: swarm over checkin-storm', { scenario: 'checkin-storm', variant: 'hardened', seeds: '0..9', swarm: true });
  simulationTest('hardened: PCT over shutdown-under-load', { scenario: 'shutdown-under-load', variant: 'hardened', seeds: '0..4', strategy: 'pct' });
});

describe('the bugs the tool exists for stay visible', () => {
  simulationTest('pre-fix leaks blocks in a checkin storm', { scenario: 'checkin-storm', variant: 'pre-fix', seeds: '0..4', expect: 'block-lifecycle' });
  simulationTest('upstream still leaks on bad input', { scenario: 'bad-input', variant: 'upstream', seeds: '0..4', expect: 'block-lifecycle' });
});
