/**
 * Seeded simulations inside a vitest suite, in a few lines:
 *
 * ```ts
 * import { simulationTest } from 'dst/vitest';
 * simulationTest('hardened survives a checkin storm', { scenario: 'checkin-storm', variant: 'hardened', seeds: '0..49' });
 * simulationTest('my pool leaks', { target: './my-target.ts', scenario: 'default', variant: 'buggy', seeds: '0..99', expect: 'no-stuck-tasks' });
 * ```
 *
 * A failing seed fails the test with the property, its explanation and the exact
 * replay command.
 */
import { it } from 'vitest';
import { runCase } from './case.ts';
import { chooseConfig, resolveVariant } from './configuration.ts';
import { seedCase } from './sweep.ts';
import type { AnyTarget } from './target.ts';
import { loadTarget, type LoadedTarget } from './targets.ts';

/** Options of {@link simulationTest}. */
export interface SimulationTestOptions {
  /** The target: a shipped name, a module path, or the target itself (default: the bulk engine). */
  readonly target?: string | AnyTarget;
  /** A configuration's name or a path to a configuration JSON file. */
  readonly scenario: string;
  /** The variant (default: the target's first). */
  readonly variant?: string;
  /** Seeds: an inclusive range `A..B`, or a list. */
  readonly seeds: string | readonly number[];
  readonly strategy?: 'random' | 'pct';
  readonly swarm?: boolean;
  /** `pass` (default): every seed must pass. A property name: every seed must violate it. */
  readonly expect?: string;
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

async function targetOf(t: SimulationTestOptions['target']): Promise<LoadedTarget> {
  if (t === undefined || typeof t === 'string') return loadTarget(t);
  return { target: t, ref: t.name, shipped: false };
}

/** Declares a vitest test that runs a configuration of a target on a variant over seeds. */
export function simulationTest(name: string, o: SimulationTestOptions): void {
  it(
    name,
    async () => {
      const target = await targetOf(o.target);
      const chosen = chooseConfig(target.target, o.scenario);
      const variant = resolveVariant(target.target, o.variant);
      const want = o.expect ?? 'pass';
      for (const seed of seedList(o.seeds)) {
        const r = runCase(seedCase(target, chosen, variant, o.strategy ?? 'random', seed, o.swarm ?? false)).report;
        const ok = want === 'pass' ? r.passed : r.violations.some((v) => v.property === want);
        if (!ok) {
          const what = r.passed ? `passed, but ${want} was expected to fail` : `${r.property}: ${r.message}`;
          throw new Error(`${o.scenario} on ${variant}, seed ${seed}: ${what}\n  replay: ${r.replay}`);
        }
      }
    },
    o.timeout ?? 120_000,
  );
}
