/**
 * The up-front estimate of a scenario's cost: close to what runs measure, every shipped
 * scenario fits the default budgets, and the probes of issue 13 do not.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from '../harness/case.ts';
import { defaultMaxHeapMb, DEFAULT_MAX_WALL_MS } from '../harness/resource-budget.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';
import { loadScenario, scenarioNames } from './load.ts';
import { estimateRun, scenarioResourceProblem } from './resources.ts';
import { ScenarioSchema } from './schema.ts';

const budget = { maxHeapMb: defaultMaxHeapMb(), maxWallMs: DEFAULT_MAX_WALL_MS };

describe('resource estimate', () => {
  for (const name of ['smoke', 'es-brownout', 'shutdown-under-load', 'policy-change']) {
    it(`${name}: the estimated calls are within a factor of two of a run's`, () => {
      const calls = runCase(engineCase({ scenario: name, variant: 'hardened', seed: 0 })).report.stats.calls as number;
      const e = estimateRun(loadScenario(name));
      expect(e.calls).toBeGreaterThan(calls / 2);
      expect(e.calls).toBeLessThan(calls * 2);
    });
  }

  it('every shipped scenario fits the default budgets', () => {
    for (const name of scenarioNames()) expect(scenarioResourceProblem(loadScenario(name), budget), name).toBeNull();
  });

  it('the step budget bounds the estimate: a day of load is refused for the heap it would reach, naming the fields', () => {
    const s = ScenarioSchema.parse({ name: 'day', durationS: 86_400, workload: { agents: 1000 } });
    expect(estimateRun(s).steps).toBe(s.budgets.maxSteps);
    expect(scenarioResourceProblem(s, budget)).toMatch(/^needs about [\d,]+ MB of heap .*mostly from workload\.agents × durationS/);
    expect(scenarioResourceProblem({ ...s, budgets: { ...s.budgets, maxSteps: 100_000 } }, budget)).toBeNull();
  });
});
