/**
 * One-call runs: build a kernel, let `setup` spawn the program's tasks, run it.
 */
import { Sim, type RunResult, type SimOptions } from './kernel.ts';

/** Runs the program that `setup` spawns under `opts`, returning the result and whatever `setup` returned. */
export function simulate<S>(opts: SimOptions, setup: (sim: Sim) => S): RunResult & { readonly state: S } {
  const sim = new Sim(opts);
  const state = setup(sim);
  const result = sim.run();
  return { ...result, state };
}
