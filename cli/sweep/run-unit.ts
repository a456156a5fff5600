/**
 * Runs one case of a sweep in this thread (the main thread or a worker): its seeded spec,
 * the run, the compact report and how long it took on the wall clock.
 */
import type { CaseReport } from '../../harness/case.ts';
import { runCase } from '../../harness/case.ts';
import { chooseConfig, type ChosenConfig } from '../../harness/configuration.ts';
import type { BudgetOverrides } from '../../harness/resource-budget.ts';
import { compactReport, seedCase, type SeedKind } from '../../harness/sweep.ts';
import type { LoadedTarget } from '../../harness/targets.ts';
import type { Unit } from './plan.ts';

/** How every case of a sweep is run (plain data, so it can be posted to a worker). */
export interface CaseSettings {
  /** The target as given to `--target`. */
  readonly target: string;
  readonly strategy: SeedKind;
  /** `GOMAXPROCS` of the `go` strategy. */
  readonly procs?: number;
  readonly swarm: boolean;
  /** Race detection (false with `--no-races`). */
  readonly races: boolean;
  /** Heap and wall budgets of each run, from the command line. */
  readonly budget?: BudgetOverrides;
}

/** A finished case. */
export interface UnitResult {
  readonly report: CaseReport;
  /** Wall-clock milliseconds it took (a timing field: never part of a comparison). */
  readonly ms: number;
}

/** Runs cases of one target, choosing each configuration once. */
export class UnitRunner {
  private readonly configs = new Map<string, ChosenConfig>();

  constructor(
    private readonly target: LoadedTarget,
    private readonly settings: CaseSettings,
  ) {}

  /** Runs `u` and returns its compact report. */
  run(u: Unit): UnitResult {
    let chosen = this.configs.get(u.scenario);
    if (chosen === undefined) this.configs.set(u.scenario, (chosen = chooseConfig(this.target.target, u.scenario)));
    const s = this.settings;
    const spec = { ...seedCase(this.target, chosen, u.variant, s.strategy, u.seed, s.swarm, s.procs), ...(s.budget !== undefined && { budget: s.budget }), races: s.races };
    const t0 = performance.now(); // determinism-ok: times the case from outside it
    const report: CaseReport = compactReport(runCase(spec).report);
    return { report, ms: performance.now() - t0 }; // determinism-ok: as above
  }
}
