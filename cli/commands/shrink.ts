/**
 * `dst shrink FILE [--out F] [--max-runs N]`: minimises a failing repro file while it
 * keeps showing the same bug (its signature: the file's own, or its replay's first), and
 * writes the result as a new repro file. Progress goes to stderr (as `dst run`'s: a bar
 * on a terminal, a line at most every 10 s otherwise, none with `--quiet`); the result is never
 * larger (in steps or decisions) than the input.
 */
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../harness/input-error.ts';
import { makeRepro, readRepro, reproCase, reproTarget } from '../../harness/repro.ts';
import { shrinkCase, type CaseSize, type ShrinkProgress } from '../../harness/shrink.ts';
import { parsePositiveInt } from '../args.ts';
import { writeOut } from '../files.ts';
import { planOutputs, prepareOutputs } from '../outputs.ts';
import { parseBudgetFlags } from '../budget-flags.ts';
import { checkFits } from '../../harness/resource-budget.ts';
import { println, type Io } from '../io.ts';
import { Progress } from '../report/progress.ts';
import { formatCount } from '../report/units.ts';

/** Raw flags of `dst shrink`. */
export interface ShrinkFlags {
  target?: string;
  out?: string;
  maxRuns: string;
  json?: boolean;
  quiet?: boolean;
  maxHeapMb?: string;
  maxWall?: string;
}

const MEASURES: ReadonlyArray<[keyof CaseSize, string]> = [
  ['steps', 'steps'],
  ['decisions', 'decisions'],
  ['preemptions', 'preemptions'],
  ['faults', 'faults'],
];

/** `steps 13,467 → 812, decisions ...`. */
function beforeAfter(b: CaseSize, a: CaseSize): string {
  return MEASURES.map(([k, name]) => `${name} ${formatCount(b[k])} → ${formatCount(a[k])}`).join(', ');
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
  const progress = new Progress({ label: 'dst shrink', noun: 'run', total: maxRuns, totalIsBound: true, out: io.stderr, quiet: flags.quiet === true });
  let runs = 0;
  const onProgress = (p: ShrinkProgress) => {
    const best = `${p.pass}: best ${formatCount(p.best.steps)} steps, ${formatCount(p.best.decisions)} decisions, ${formatCount(p.best.preemptions)} preemptions, ${formatCount(p.best.faults)} faults`;
    progress.tick(p.runs - runs, undefined, best);
    runs = p.runs;
  };
  let r;
  try {
    r = shrinkCase(spec, { maxRuns, ...(repro.signature !== undefined && { signature: repro.signature }), onProgress });
  } catch (e) {
    throw new InputError(`shrink: ${file}: ${(e as Error).message}`);
  } finally {
    progress.finish();
  }
  // A shrunk configuration is written inline (the out path is not a configuration name).
  const shrunkSpec = { ...spec, config: r.config, ...(r.configChanged && { configRef: out }), strategy: { kind: 'decisions' as const, decisions: r.decisions } };
  const note = `shrunk from ${basename(file)} (${beforeAfter(r.before, r.after)}${r.configChanged ? '; smaller configuration' : ''}); ${repro.note}`;
  const written = writeOut('--out', out, `${JSON.stringify({ ...makeRepro(shrunkSpec, r.report, note), expect: r.property, signature: r.signature }, null, 2)}\n`);
  if (flags.json) {
    println(io.stdout, JSON.stringify({ property: r.property, signature: r.signature, before: r.before, after: r.after, runs: r.runs, configChanged: r.configChanged, traceHash: r.report.traceHash, message: r.report.violations.find((v) => v.signature === r.signature)?.message ?? r.report.message, saved: written }));
  } else {
    println(io.stdout, `shrunk in ${r.runs} runs; it still shows ${r.signature}`);
    println(io.stdout, `    ${beforeAfter(r.before, r.after)}${r.configChanged ? '; a smaller configuration' : ''}`);
    if (r.after.nonZero === 0) println(io.stdout, '    every decision now takes its first alternative: this bug needs no particular schedule, fault or draw');
    println(io.stdout, `    ${r.report.violations.find((v) => v.signature === r.signature)?.message ?? ''}`);
    println(io.stdout, `    replay: npx dst replay ${written}${spec.target.shipped ? '' : ` --target ${spec.target.ref}`} --trace text`);
  }
  return 0;
}
