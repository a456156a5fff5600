/**
 * One-call runs: build a kernel, let `setup` spawn the program's tasks, run it.
 */
import { Sim, type RunResult, type SimOptions } from './kernel.ts';

/**
 * Runs the program that `setup` spawns under `opts`, returning the result and whatever
 * `setup` returned. `setup` runs under the nondeterminism guard like the run: when it
 * leaks, the outcome is `nondeterminism` and `state` is undefined.
 */
export function simulate<S>(opts: SimOptions, setup: (sim: Sim) => S): RunResult & { readonly state: S } {
  const sim = new Sim(opts);
  const state = sim.guarded(() => setup(sim)) as S;
  const result = sim.run();
  return { ...result, state };
}
