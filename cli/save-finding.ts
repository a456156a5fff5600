/**
 * `dst run --save DIR`: each failing run's repro file is written the moment the run is
 * reported, so a sweep killed by a CI timeout keeps everything it found so far. A write
 * that fails is remembered, not thrown: the sweep finishes, its report is printed, and
 * then the error (one line, exit 2).
 */
import type { CaseReport } from '../harness/case.ts';
import { filePrefix } from '../harness/commands.ts';
import { chooseConfig, type ChosenConfig } from '../harness/configuration.ts';
import { InputError, oneLine } from '../harness/input-error.ts';
import { makeRepro } from '../harness/repro.ts';
import { seedCase, type SweepJob } from '../harness/sweep.ts';
import type { LoadedTarget } from '../harness/targets.ts';
import { writeInside } from './files.ts';
import type { Io } from './io.ts';

/** Where and how findings are saved during one sweep. */
export interface FindingContext {
  readonly dir: string;
  readonly target: LoadedTarget;
  readonly variant: string;
  readonly job: SweepJob;
  /** File names used so far in this invocation (two scenario files may share a name). */
  readonly used: Set<string>;
  /** Configurations by reference, each read once (a scenario file is not re-read per finding). */
  readonly configs: Map<string, ChosenConfig>;
}

/**
 * Writes the repro file of one failing run into the context's folder and returns its
 * path. One file per failing run (the findings work turns this into one per distinct bug).
 */
export function saveFinding(ctx: FindingContext, r: CaseReport): string {
  if (r.seed === null) throw new InputError(`--save: a run without a seed cannot be saved as a seed repro (${r.scenario})`);
  let chosen = ctx.configs.get(r.scenarioRef);
  if (chosen === undefined) ctx.configs.set(r.scenarioRef, (chosen = chooseConfig(ctx.target.target, r.scenarioRef)));
  const spec = seedCase(ctx.target, chosen, ctx.variant, ctx.job.strategy, r.seed, ctx.job.swarm);
  const repro = makeRepro(spec, r, `found by dst run: ${r.message ?? ''}`);
  const stem = `${filePrefix(r.target)}${r.scenario}-${ctx.variant}-${ctx.job.strategy}-${r.seed}${ctx.job.swarm ? '-swarm' : ''}`;
  let name = `${stem}.json`;
  for (let n = 2; ctx.used.has(name); n++) name = `${stem}-${n}.json`;
  ctx.used.add(name);
  return writeInside(ctx.dir, name, `${JSON.stringify(repro, null, 2)}\n`);
}

/** Saves findings as they come; after the first failed write it stops trying and keeps the error. */
export class FindingSaver {
  /** Paths written, in the order the failures were reported. */
  readonly saved: string[] = [];
  /** The first write that failed, reported after the sweep. */
  error: InputError | null = null;
  private readonly ctx: FindingContext;

  constructor(dir: string, target: LoadedTarget, variant: string, job: SweepJob) {
    this.ctx = { dir, target, variant, job, used: new Set(), configs: new Map() };
  }

  /** Called for every finished run: saves it when it failed. */
  onCase(r: CaseReport): void {
    if (r.passed || r.limit || r.seed === null || this.error !== null) return;
    try {
      this.saved.push(saveFinding(this.ctx, r));
    } catch (e) {
      this.error = e instanceof InputError ? e : new InputError(`--save: ${(e as Error).message}`);
    }
  }
}

/** After the report: the save error as one stderr line; the exit code is 2 (the --save folder failed). */
export function reportSaveError(e: InputError, io: Io): number {
  io.stderr.write(`dst: ${oneLine(e.message)} (the report above is complete; findings saved before this error are kept)\n`);
  return 2;
}
