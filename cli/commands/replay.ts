/**
 * `dst replay`: re-runs one case exactly (from a repro file, or a seed) and renders
 * its trace.
 */
import { runCase, type CaseSpec } from '../../harness/case.ts';
import { filePrefix } from '../../harness/commands.ts';
import { chooseConfig, resolveVariant } from '../../harness/configuration.ts';
import { InputError } from '../../harness/input-error.ts';
import { makeRepro, meetsExpectation, readRepro, reproCase, reproTarget, type Repro } from '../../harness/repro.ts';
import { seedCase } from '../../harness/sweep.ts';
import { loadTarget } from '../../harness/targets.ts';
import { parseChoice, parseSeed } from '../args.ts';
import { parseGomaxprocs } from '../go-flags.ts';
import { writeInside, writeOut } from '../files.ts';
import { prepareOutputs, replayOutputs } from '../outputs.ts';
import { parseBudgetFlags } from '../budget-flags.ts';
import { reportLimits } from '../limits.ts';
import { checkFits } from '../../harness/resource-budget.ts';
import { println, type Io } from '../io.ts';
import { runReport } from '../report/json.ts';
import { styleFor } from '../report/style.ts';
import { switchSummary } from '../report/switches.ts';
import { renderFailure } from '../report/summary.ts';
import type { TraceFilterFlags } from '../report/trace-filter.ts';
import { parseTraceRequest, renderTrace, TRACE_FORMATS } from '../report/trace-render.ts';
import { choicesCase, parseChoices } from './replay-choices.ts';

/** Raw flags of `dst replay`. */
export interface ReplayFlags extends TraceFilterFlags {
  target?: string;
  seed?: string;
  choices?: string;
  scenario?: string;
  variant?: string;
  strategy?: string;
  swarm?: boolean;
  gomaxprocs?: string;
  trace?: string;
  out?: string;
  save?: string;
  note?: string;
  check?: boolean;
  json?: boolean;
  maxHeapMb?: string;
  maxWall?: string;
  /** False with `--no-races`. */
  races?: boolean;
}

/** Runs `dst replay`; returns the exit code. */
export async function replayCommand(file: string | undefined, flags: ReplayFlags, io: Io): Promise<number> {
  // A trace on stdout stays machine-readable (`| jq .`): everything for humans goes to stderr.
  const traceOut = io.stdout;
  if (flags.trace !== undefined && flags.out === undefined && !flags.json) io = { ...io, stdout: io.stderr };
  const trace = flags.trace === undefined ? null : parseChoice('--trace', flags.trace, TRACE_FORMATS);
  const traceReq = parseTraceRequest(trace, flags);
  if (trace !== null && flags.json && flags.out === undefined) throw new InputError('--trace with --json needs --out FILE (stdout carries only the JSON report)');
  if (trace === null && flags.out !== undefined) throw new InputError('--out: it is where --trace goes; give --trace text|json|html too');
  if (flags.check && file === undefined) throw new InputError('--check: compares with a repro FILE; give one');
  const outputs = replayOutputs(flags);
  const budget = parseBudgetFlags(flags);
  let spec: CaseSpec;
  let repro: Repro | null = null;
  if (file !== undefined) {
    const extra = (['seed', 'choices', 'scenario', 'variant', 'strategy', 'swarm', 'gomaxprocs'] as const).filter((k) => flags[k] !== undefined);
    if (extra.length > 0) throw new InputError(`replay: a repro FILE fixes the case; drop ${extra.map((k) => `--${k}`).join(', ')} (or replay with --seed/--scenario/--variant instead)`);
    repro = readRepro(file);
    spec = reproCase(repro, file, await reproTarget(repro, file, flags.target));
  } else {
    if (flags.seed !== undefined && flags.choices !== undefined) throw new InputError('--choices: a decision list fixes the case; drop --seed');
    if (flags.choices !== undefined && (flags.strategy !== undefined || flags.gomaxprocs !== undefined)) throw new InputError(`--choices: a decision list fixes the schedule; drop ${flags.strategy !== undefined ? '--strategy' : '--gomaxprocs'}`);
    if ((flags.seed === undefined && flags.choices === undefined) || flags.scenario === undefined) throw new InputError('replay: needs a repro FILE, or --seed N (or --choices LIST) --scenario S --variant V');
    const strategy = parseChoice('--strategy', flags.strategy ?? 'random', ['random', 'pct', 'go'] as const);
    const procs = parseGomaxprocs(flags.gomaxprocs, strategy);
    const choices = flags.choices !== undefined ? parseChoices(flags.choices) : null;
    const seed = flags.seed !== undefined ? parseSeed(flags.seed) : 0;
    const target = await loadTarget(flags.target);
    const chosen = chooseConfig(target.target, flags.scenario);
    const variant = resolveVariant(target.target, flags.variant);
    if (flags.swarm && target.target.swarm === undefined) throw new InputError(`--swarm: target ${target.target.name} has no swarm mode`);
    spec = seedCase(target, chosen, variant, strategy, seed, flags.swarm ?? false, procs);
    if (choices !== null) {
      checkFits(spec.target.target, spec.config, spec.configRef, budget);
      spec = choicesCase({ ...spec, budget }, choices);
    }
  }
  checkFits(spec.target.target, spec.config, spec.reproFile ?? spec.configRef, budget);
  spec = { ...spec, budget };
  prepareOutputs(outputs);
  const run = runCase({ ...spec, keepTrace: traceReq !== null, races: flags.races ?? true });
  const r = run.report;
  const rendered = traceReq === null ? null : renderTrace(traceReq, run);
  let savedTrace: string | null = null;
  if (rendered !== null && flags.out !== undefined) savedTrace = writeOut('--out', flags.out, rendered);
  const savedRepro = flags.save === undefined ? null : writeInside(flags.save, `${filePrefix(r.target)}${r.scenario}-${r.variant}-${r.strategy === 'decisions' ? 'decisions' : `${r.strategy}-${r.seed}`}${r.swarm ? '-swarm' : ''}.json`, `${JSON.stringify(makeRepro(spec, r, flags.note ?? repro?.note ?? ''), null, 2)}\n`);
  const expectation = repro === null ? null : { expect: repro.expect, traceHash: repro.traceHash, matches: meetsExpectation(r, repro.expect, repro.signature) && r.traceHash === repro.traceHash };
  if (flags.json) {
    println(io.stdout, JSON.stringify({ ...runReport([r], { variant: r.variant, scenario: r.scenario, seed: r.seed }), property: r.property, outcome: r.outcome, steps: r.steps, ...(r.switches !== undefined && { switches: r.switches }), expectation, ...(savedTrace && { trace: savedTrace }), ...(savedRepro && { saved: savedRepro }) }));
  } else {
    const st = styleFor(io.stdout.isTTY === true);
    if (rendered !== null && savedTrace === null) println(traceOut, rendered);
    println(io.stdout, `${r.scenario} on ${r.variant}${r.seed !== null ? ` seed ${r.seed}` : ''}: ${r.steps} steps, ${(r.virtualTimeUs / 1e6).toFixed(3)} virtual s, ${r.decisions} decisions, trace hash ${r.traceHash}, outcome ${r.outcome}`);
    if (r.switches !== undefined) println(io.stdout, st.dim(switchSummary(r.switches)));
    if (r.passed) println(io.stdout, st.green('passed: no property failed'));
    else for (const l of renderFailure(r, st)) println(io.stdout, l);
    if (expectation !== null) println(io.stdout, expectation.matches ? st.green(`matches the repro file (expect ${repro?.expect}, hash ${repro?.traceHash})`) : st.yellow(`differs from the repro file: expected ${repro?.expect} with hash ${repro?.traceHash}`));
    if (savedTrace !== null) println(io.stdout, st.dim(`trace written to ${savedTrace}`));
    if (savedRepro !== null) println(io.stdout, st.dim(`repro file written to ${savedRepro} (expect ${r.property ?? 'pass'})`));
  }
  if (reportLimits([r], io)) return 2;
  if (flags.check) return expectation?.matches === true ? 0 : 1;
  return r.passed ? 0 : 1;
}
