/**
 * Helpers for tests and benchmarks that run bulk-engine cases in process, without going
 * through target loading.
 */
import type { CaseSpec } from '../../harness/case.ts';
import { configName } from '../../harness/configuration.ts';
import type { StrategySpec } from '../../harness/strategy-spec.ts';
import type { LoadedTarget } from '../../harness/targets.ts';
import type { Mutant, VariantName } from '../../engine/index.ts';
import { loadScenario, parseScenario } from '../../scenario/load.ts';
import type { Scenario, ScenarioInput } from '../../scenario/schema.ts';
import { bulkEngine } from './index.ts';

/** The bulk engine as a loaded target. */
export const ENGINE_TARGET: LoadedTarget = { target: bulkEngine, ref: 'bulk-engine', shipped: true };

/** What {@link engineCase} needs: a scenario (a shipped name or a parsed one), a variant and a seed or strategy. */
export interface EngineCaseOptions {
  readonly scenario: string | Scenario;
  readonly variant: VariantName;
  readonly seed?: number;
  readonly strategy?: StrategySpec;
  readonly swarm?: boolean;
  readonly mutants?: readonly Mutant[];
  readonly keepTrace?: boolean;
}

/** A bulk-engine case spec. */
export function engineCase(o: EngineCaseOptions): CaseSpec {
  const config = typeof o.scenario === 'string' ? loadScenario(o.scenario) : o.scenario;
  const ref = typeof o.scenario === 'string' ? o.scenario : o.scenario.name;
  return {
    target: ENGINE_TARGET,
    config,
    configRef: ref,
    configName: configName(bulkEngine, config, ref),
    variant: o.variant,
    strategy: o.strategy ?? { kind: 'random', seed: o.seed ?? 0 },
    swarm: o.swarm ?? false,
    ...(o.mutants !== undefined && o.mutants.length > 0 && { inject: { mutants: o.mutants } }),
    ...(o.keepTrace !== undefined && { keepTrace: o.keepTrace }),
  };
}

/**
 * A small checker-test scenario named `name`: six agents doing every kind of checkin call
 * (no API-key update, no disconnect unless `over` says so) for 5 s, then shutdown;
 * `over` replaces workload fields, `extra` top-level ones.
 */
export function smallScenario(name: string, over: Partial<ScenarioInput['workload']> = {}, extra: Partial<ScenarioInput> = {}): Scenario {
  return parseScenario(
    {
      name,
      durationS: 5,
      drainS: 30,
      workload: {
        agents: 6,
        startSpreadS: 0.5,
        backgroundMultiUpdateEveryS: 2,
        checkin: { actionSearch: 0.5, upgradeUpdate: 1, apiKeyUpdate: 0, disconnect: 0, longPollS: { min: 0.5, max: 1 }, gapS: { min: 0, max: 0.2 } },
        ...over,
      },
      ...extra,
    },
    name,
  );
}
