/**
 * The bulk engine of fleet-server (`internal/pkg/bulk`) as a `dst` target: the engine
 * model in its variants, the fake Elasticsearch, and fleet-server's callers, configured
 * by the shipped scenarios. The default target of every `dst` command.
 */
import { defineTarget } from '../../harness/target.ts';
import { mutantHooks, VARIANT_NAMES, VARIANTS, type Mutant, type VariantName } from '../../engine/index.ts';
import { loadScenario, scenarioNames } from '../../scenario/load.ts';
import { ScenarioSchema, type Scenario } from '../../scenario/schema.ts';
import { scenarioResourceProblem } from '../../scenario/resources.ts';
import { applySwarm } from '../../scenario/swarm.ts';
import { buildWorld, runLimits, type EngineWorld } from '../../scenario/world.ts';
import { ENGINE_PROPERTIES } from './properties.ts';
import { retainedBlocks } from './retained.ts';
import { shrinkScenario } from './shrink-config.ts';

/** The scenarios `dst run` uses when none is named. */
export const DEFAULT_SCENARIOS = ['smoke', 'checkin-storm', 'shutdown-under-load', 'es-brownout', 'bad-input', 'policy-change', 'typed-nil', 'remote-first-use', 'remote-config-change', 'remote-failed-recreate', 'tiny'] as const;

/** The variants in listing order: the default (`upstream`) first, then the release lines newest first, then the commits around PR #6747 and the proposal. */
const ORDER: readonly VariantName[] = ['upstream', 'main', 'release-9.5', 'release-9.4', 'release-9.3', 'release-8.19', 'pr-6747', 'pre-fix', 'hardened'];
if (ORDER.length !== VARIANT_NAMES.length || !VARIANT_NAMES.every((v) => ORDER.includes(v))) throw new Error('bulk-engine: ORDER must list every variant once');

/** What a checker test injects into the engine: deliberate bugs (see `engine/mutants.ts`). */
export interface EngineInjection {
  readonly mutants: readonly Mutant[];
}

/** The bulk engine target. */
export const bulkEngine = defineTarget<Scenario, EngineWorld>({
  name: 'bulk-engine',
  description: "fleet-server's bulk engine (internal/pkg/bulk) with a fake Elasticsearch and fleet-server's callers",
  variants: ORDER.map((name) => ({ name, description: VARIANTS[name].description, source: VARIANTS[name].source })),
  config: ScenarioSchema,
  configurations: scenarioNames().map((name) => {
    const config = loadScenario(name);
    return { name, description: config.description, config };
  }),
  defaultConfigurations: DEFAULT_SCENARIOS,
  exploreConfiguration: 'tiny',
  nameOf: (s) => s.name,
  limits: runLimits,
  checkResources: scenarioResourceProblem,
  swarm: (s, draw) => applySwarm(draw, s),
  shrinkConfig: shrinkScenario,
  build(sim, scenario, ctx) {
    const inject = ctx.inject as EngineInjection | undefined;
    return buildWorld(sim, scenario, ctx.variant as VariantName, mutantHooks(inject?.mutants ?? []));
  },
  properties: ENGINE_PROPERTIES,
  retained: retainedBlocks,
  retainedNoun: 'block',
  stats({ world }) {
    const pools = world.bulker.allPools();
    const sum = (k: 'acquired' | 'freed') => pools.reduce((n, p) => n + p.stats[k], 0);
    return {
      calls: world.ledger.calls.length,
      blocksAcquired: sum('acquired'),
      blocksFreed: sum('freed'),
      leaked: pools.flatMap((p) => p.finish()).filter((v) => v.kind === 'leak').length,
      childBulkers: world.bulker.children.all.length,
      esRetries: world.client.stats.retries,
    };
  },
});

export default bulkEngine;
