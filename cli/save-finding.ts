/**
 * `dst run --save DIR`, during the sweep: the first run that shows a bug DIR does not yet
 * cover is written at once, named by the bug's signature, so a sweep killed by a CI
 * timeout keeps every distinct bug it found so far. After the sweep each file is
 * rewritten with the bug's smallest run (`commands/save-bugs.ts`). A write that fails is
 * remembered, not thrown: the sweep finishes, its report is printed, then the error (one
 * line, exit 2).
 */
import type { CaseReport } from '../harness/case.ts';
import { filePrefix } from '../harness/commands.ts';
import { chooseConfig, type ChosenConfig } from '../harness/configuration.ts';
import { InputError, oneLine } from '../harness/input-error.ts';
import { makeRepro } from '../harness/repro.ts';
import { seedCase, type SweepJob } from '../harness/sweep.ts';
import type { LoadedTarget } from '../harness/targets.ts';
import { signatureFileName } from './commands/save-bugs.ts';
import { writeInside } from './files.ts';
import type { Io } from './io.ts';

/** Saves each new bug's first run as it is reported; after the first failed write it stops trying and keeps the error. */
export class FindingSaver {
  /** Files written during the sweep, by signature. */
  readonly written = new Map<string, string>();
  /** The first write that failed, reported after the sweep. */
  error: InputError | null = null;
  private readonly configs = new Map<string, ChosenConfig>();

  constructor(
    private readonly dir: string,
    private readonly target: LoadedTarget,
    /** Signatures DIR covered before the sweep (never written again). */
    private readonly covered: ReadonlySet<string>,
  ) {}

  /** Called for every finished run of `job`: saves the run for each bug it is the first to show. */
  onCase(r: CaseReport, job: SweepJob): void {
    if (r.passed || r.limit || r.seed === null || this.error !== null) return;
    for (const v of r.violations) {
      const sig = v.signature;
      if (sig === undefined || this.covered.has(sig) || this.written.has(sig)) continue;
      try {
        this.written.set(sig, this.save(r, job, sig, v.property));
      } catch (e) {
        this.error = e instanceof InputError ? e : new InputError(`--save: ${(e as Error).message}`);
        return;
      }
    }
  }

  private save(r: CaseReport, job: SweepJob, signature: string, property: string): string {
    let chosen = this.configs.get(r.scenarioRef);
    if (chosen === undefined) this.configs.set(r.scenarioRef, (chosen = chooseConfig(this.target.target, r.scenarioRef)));
    const spec = seedCase(this.target, chosen, r.variant, job.strategy, r.seed as number, job.swarm, job.procs);
    const repro = { ...makeRepro(spec, r, `first run of a bug found by dst run: ${r.message ?? ''}`), expect: property, signature };
    return writeInside(this.dir, `${filePrefix(this.target.target.name)}${signatureFileName(signature)}.json`, `${JSON.stringify(repro, null, 2)}\n`);
  }
}

/** After the report: the save error as one stderr line; the exit code is 2 (the --save folder failed). */
export function reportSaveError(e: InputError, io: Io): number {
  io.stderr.write(`dst: ${oneLine(e.message)} (the report above is complete; findings saved before this error are kept)\n`);
  return 2;
}
