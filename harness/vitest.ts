/**
 * Seeded simulations inside a vitest suite, in a few lines:
 *
 * ```ts
 * import { simulationTest } from '../harness/vitest.ts';
 * simulationTest('hardened survives a checkin storm', { scenario: 'checkin-storm', variant: 'hardened', seeds: '0..49' });
 * ```
 *
 * A failing seed fails the test with the property, its explanation and the exact
 * replay command.
 */
import { it } from 'vitest';
import type { VariantName } from '../engine/index.ts';
import type { PropertyName } from '../properties/names.ts';
import { loadScenario } from '../scenario/load.ts';
import { runCase } from './case.ts';
import { seedStrategy } from './sweep.ts';

/** Options of {@link simulationTest}. */
export interface SimulationTestOptions {
  /** A shipped scenario name or a path to a scenario JSON file. */
  readonly scenario: string;
  readonly variant: VariantName;
  /** Seeds: an inclusive range `A..B`, or a list. */
  readonly seeds: string | readonly number[];
  readonly strategy?: 'random' | 'pct';
  readonly swarm?: boolean;
  /** `pass` (default): every seed must pass. A property name: every seed must violate it. */
  readonly expect?: 'pass' | PropertyName;
  /** vitest timeout in ms (default 120 s). */
  readonly timeout?: number;
}

function seedList(s: string | readonly number[]): number[] {
  if (typeof s !== 'string') return [...s];
  const m = /^(\d+)\.\.(\d+)$/.exec(s);
  if (m === null) throw new Error(`simulationTest: seeds "${s}" is not A..B`);
  const out: number[] = [];
  for (let i = Number(m[1]); i <= Number(m[2]); i++) out.push(i);
  return out;
}

/** Declares a vitest test that runs a scenario on a variant over seeds. */
export function simulationTest(name: string, o: SimulationTestOptions): void {
  it(
    name,
    () => {
      const scenario = loadScenario(o.scenario);
      const want = o.expect ?? 'pass';
      for (const seed of seedList(o.seeds)) {
        const r = runCase({ scenario, scenarioRef: o.scenario, variant: o.variant, strategy: seedStrategy(o.strategy ?? 'random', seed, scenario, o.variant), swarm: o.swarm ?? false }).report;
        const ok = want === 'pass' ? r.passed : r.violations.some((v) => v.property === want);
        if (!ok) {
          const what = r.passed ? `passed, but ${want} was expected to fail` : `${r.property}: ${r.message}`;
          throw new Error(`${o.scenario} on ${o.variant}, seed ${seed}: ${what}\n  replay: ${r.replay}`);
        }
      }
    },
    o.timeout ?? 120_000,
  );
}
