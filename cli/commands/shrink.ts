/**
 * `dst shrink FILE [--out F]`: minimises a failing repro file (fewer decisions, more of
 * them the first alternative) and writes the result as a new repro file.
 */
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../harness/input-error.ts';
import { makeRepro, readRepro, reproCase, reproTarget } from '../../harness/repro.ts';
import { shrinkCase } from '../../harness/shrink.ts';
import { parsePositiveInt } from '../args.ts';
import { writeOut } from '../files.ts';
import { planOutputs, prepareOutputs } from '../outputs.ts';
import { parseBudgetFlags } from '../budget-flags.ts';
import { checkFits } from '../../harness/resource-budget.ts';
import { println, type Io } from '../io.ts';

/** Raw flags of `dst shrink`. */
export interface ShrinkFlags {
  target?: string;
  out?: string;
  maxRuns: string;
  json?: boolean;
  maxHeapMb?: string;
  maxWall?: string;
}

/** Runs `dst shrink`; returns the exit code (0 when it wrote a shrunk file). */
export async function shrinkCommand(file: string, flags: ShrinkFlags, io: Io): Promise<number> {
  const maxRuns = parsePositiveInt('--max-runs', flags.maxRuns, 100_000);
  const repro = readRepro(file);
  const budget = parseBudgetFlags(flags);
  const spec = { ...reproCase(repro, file, await reproTarget(repro, file, flags.target)), budget };
  checkFits(spec.target.target, spec.config, file, budget);
  const out = flags.out ?? join(dirname(file), basename(file).replace(/\.json$/, '') + '.shrunk.json');
  prepareOutputs(planOutputs({ file: { flag: '--out', path: out } }));
  let r;
  try {
    r = shrinkCase(spec, { maxRuns });
  } catch (e) {
    throw new InputError(`shrink: ${file}: ${(e as Error).message}`);
  }
  const shrunkSpec = { ...spec, strategy: { kind: 'decisions' as const, decisions: r.decisions } };
  const note = `shrunk from ${basename(file)} (${r.before} decisions, ${r.nonZeroBefore} non-zero) to ${r.after} (${r.nonZeroAfter} non-zero); ${repro.note}`;
  const written = writeOut('--out', out, `${JSON.stringify({ ...makeRepro(shrunkSpec, r.report, note), expect: r.property }, null, 2)}\n`);
  if (flags.json) {
    println(io.stdout, JSON.stringify({ property: r.property, before: r.before, after: r.after, nonZeroBefore: r.nonZeroBefore, nonZeroAfter: r.nonZeroAfter, runs: r.runs, traceHash: r.report.traceHash, message: r.report.message, saved: written }));
  } else {
    const how = r.nonZeroAfter === 0 ? 'every decision now takes its first alternative: this failure needs no particular schedule, fault or draw' : `${r.nonZeroAfter} decision(s) still need a non-first alternative (were ${r.nonZeroBefore}); ${r.after} decisions in all (were ${r.before})`;
    println(io.stdout, `shrunk in ${r.runs} runs; it still fails ${r.property}: ${how}`);
    println(io.stdout, `    ${r.report.message ?? ''}`);
    println(io.stdout, `    replay: npx dst replay ${written}${spec.target.shipped ? '' : ` --target ${spec.target.ref}`} --trace text`);
  }
  return 0;
}
