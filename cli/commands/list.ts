/**
 * `dst list`: scenarios, variants, properties and strategies, one line each.
 */
import { VARIANTS } from '../../engine/index.ts';
import { PROPERTY_DESCRIPTIONS, PROPERTY_NAMES } from '../../properties/names.ts';
import { loadScenario, scenarioNames } from '../../scenario/load.ts';
import { println, type Io } from '../io.ts';

/** Strategies with one line each. */
export const STRATEGIES: Readonly<Record<string, string>> = {
  random: 'seeded random walk: every decision uniform from its seeded stream (scheduling, workload, faults)',
  pct: 'PCT (Burckhardt et al. 2010) with bug depth 3: random task priorities plus 2 priority change points',
  exhaustive: 'depth-first search over every decision with a preemption bound (dst explore)',
};

/** Runs `dst list`. */
export function listCommand(flags: { json?: boolean }, io: Io): number {
  const scenarios = scenarioNames().map((n) => ({ name: n, description: loadScenario(n).description }));
  const variants = Object.entries(VARIANTS).map(([name, v]) => ({ name, description: v.description }));
  const properties = PROPERTY_NAMES.map((name) => ({ name, description: PROPERTY_DESCRIPTIONS[name] }));
  const strategies = Object.entries(STRATEGIES).map(([name, description]) => ({ name, description }));
  if (flags.json) {
    println(io.stdout, JSON.stringify({ scenarios, variants, properties, strategies }));
    return 0;
  }
  for (const [title, rows] of [['scenarios', scenarios], ['variants', variants], ['properties', properties], ['strategies', strategies]] as const) {
    println(io.stdout, `${title}:`);
    const w = Math.max(...rows.map((r) => r.name.length)) + 2;
    for (const r of rows) println(io.stdout, `  ${r.name.padEnd(w)}${r.description}`);
    println(io.stdout);
  }
  return 0;
}
