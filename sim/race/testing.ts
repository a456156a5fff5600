/**
 * Helpers for the happens-before tests: run a program under several seeds and collect
 * the races it reports, as sorted "site / site" pairs (schedule-independent by design).
 */
import { RandomWalk } from '../strategy/random.ts';
import { simulate } from '../simulate.ts';
import type { Sim } from '../kernel.ts';
import type { DataRace } from './report.ts';

/** The two sites of a race, sorted, joined by ` / `. */
export function sitePair(r: DataRace): string {
  return [r.first.site, r.second.site].sort().join(' / ');
}

/**
 * Runs `program` under seeds `0..seeds-1` and returns, per seed, the site pairs of the
 * races found (sorted). Fails when a run ends in a kernel assertion.
 */
export function racePairs(program: (sim: Sim) => void, seeds = 6): string[][] {
  const out: string[][] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const r = simulate({ strategy: new RandomWalk(seed) }, program);
    if (r.outcome.kind === 'kernel-assertion') throw new Error(`seed ${seed}: ${r.outcome.message}`);
    out.push(r.races.map(sitePair).sort());
  }
  return out;
}

/** The races of one run (seed 0 unless given). */
export function racesOf(program: (sim: Sim) => void, seed = 0): readonly DataRace[] {
  return simulate({ strategy: new RandomWalk(seed) }, program).races;
}
