/**
 * The README's "Test your own component" example, as a user would test it: through the
 * public entry `dst/vitest` only, with its regression corpus beside it.
 */
import { regressionSuite, simulationTest } from 'dst/vitest';

const target = './examples/worker-pool/target.ts';

simulationTest('the fixed worker pool never leaks a worker', { target, scenario: 'default', variant: 'fixed', seeds: '0..49' });
simulationTest('the buggy worker pool leaks a worker (seed 0)', { target, scenario: 'default', variant: 'buggy', seeds: [0], expect: 'no-stuck-tasks' });
regressionSuite('examples/worker-pool/regressions', { target });
