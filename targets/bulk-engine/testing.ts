/**
 * Helpers for tests and benchmarks that run bulk-engine cases in process, without going
 * through target loading.
 */
import type { CaseSpec } from '../../harness/case.ts';
import { configName } from '../../harness/configuration.ts';
import type { StrategySpec } from '../../harness/strategy-spec.ts';
import type { LoadedTarget } from '../../harness/targets.ts';
import type { Mutant, VariantName } from '../../engine/index.ts';
import { loadScenario } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/schema.ts';
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
