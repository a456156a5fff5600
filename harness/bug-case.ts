/**
 * The case spec of a bug's smallest run, to re-run it (save it, measure its schedule).
 */
import type { Bug } from './bugs.ts';
import type { CaseSpec } from './case.ts';
import { chooseConfig } from './configuration.ts';
import { seedCase, type SeedKind } from './sweep.ts';
import type { LoadedTarget } from './targets.ts';

/** The smallest run's spec, or null when it was not a seeded run (nothing to re-run from a report). */
export function smallestSpec(target: LoadedTarget, b: Bug, procs: number): CaseSpec | null {
  const s = b.smallest;
  if (s.seed === null || s.strategy === 'decisions') return null;
  return seedCase(target, chooseConfig(target.target, s.scenarioRef), s.variant, s.strategy as SeedKind, s.seed, s.swarm, procs);
}
