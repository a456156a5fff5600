/**
 * `dst/vitest`: seeded simulations and a regression corpus inside a vitest suite.
 *
 * @example
 * import { regressionSuite, simulationTest } from 'dst/vitest';
 * simulationTest('the pool does not leak', { target: './my-target.ts', scenario: 'default', variant: 'fixed', seeds: '0..99' });
 * regressionSuite('regressions', { target: './my-target.ts' });
 */
export { simulationTest, type SimulationTestOptions } from '../harness/vitest.ts';
export { regressionSuite, type RegressionSuiteOptions } from '../harness/vitest-regressions.ts';
