/**
 * `dst merge REPORT.json… [--json] [--junit FILE]`: combines the `--json` reports of the
 * shards of one sweep (`dst run --shard I/N --json`, from a CI matrix or a Kubernetes
 * Indexed Job) into the report the unsharded run gives: the same runs, failures in the
 * same order, the same distinct bugs with the same first seeds and smallest cases (every
 * byte of the `--json` report), and the same exit code.
 */
import { InputError, oneLine, validateInput } from '../../harness/input-error.ts';
import { parseJsonText, readInputFile } from '../../harness/input-file.ts';
import { reportLimits } from '../limits.ts';
import { writeOut } from '../files.ts';
import { println, type Io } from '../io.ts';
import { combineShards, type ShardFile } from '../merge/combine.ts';
import { ShardReport } from '../merge/report-schema.ts';
import { planOutputs, prepareOutputs } from '../outputs.ts';
import { junitXml } from '../report/junit.ts';
import { renderOutcome } from '../report/run-human.ts';
import { failedRuns, outcomeJson } from '../report/run-outcome.ts';
import { styleFor } from '../report/style.ts';

/** Raw flags of `dst merge`. */
export interface MergeFlags {
  json?: boolean;
  timing?: boolean;
  junit?: string;
  junitPerRun?: boolean;
}

/** The most shard reports one merge takes. */
export const MAX_SHARDS = 10_000;

/** Runs `dst merge`; returns the exit code (as the unsharded `dst run` would: 1 when a property failed). */
export function mergeCommand(files: readonly string[], flags: MergeFlags, io: Io): number {
  if (files.length === 0) throw new InputError('merge: give the shard reports (dst run --shard I/N --json > shard-I.json)');
  if (files.length > MAX_SHARDS) throw new InputError(`merge: ${files.length} reports is more than ${MAX_SHARDS}`);
  if (flags.junitPerRun && flags.junit === undefined) throw new InputError('--junit-per-run: it shapes the --junit file; give --junit FILE too');
  const outputs = planOutputs({ ...(flags.junit !== undefined && { file: { flag: '--junit', path: flags.junit } }) });
  const shards: ShardFile[] = files.map((file) => ({ file, report: validateInput(ShardReport, parseJsonText(readInputFile(file, 'report'), `report ${file}`), `report ${file}`) }));
  if (flags.timing && !flags.json) throw new InputError('--timing: it adds timing to the --json report; give --json too');
  const untimed = flags.timing ? shards.find((s) => s.report.timing === undefined) : undefined;
  if (untimed !== undefined) throw new InputError(`--timing: ${untimed.file} has no timing; run every shard with --timing`);
  const outcome = { ...combineShards(shards), timing: flags.timing === true };
  prepareOutputs(outputs);
  if (flags.json) println(io.stdout, JSON.stringify(outcomeJson(outcome)));
  else {
    const st = styleFor(io.stdout.isTTY === true);
    const runs = outcome.reports.length;
    println(io.stdout, st.dim(`dst merge: ${files.length} report${files.length === 1 ? '' : 's'} of ${outcome.scenarios.join(', ')} on ${outcome.variants.join(', ')}, ${outcome.strategy} seeds ${outcome.seeds.from}..${outcome.seeds.to} (${runs} runs)`));
    for (const l of renderOutcome(outcome, st)) println(io.stdout, l);
  }
  if (flags.junit !== undefined) writeOut('--junit', flags.junit, junitXml(outcome, { perRun: flags.junitPerRun === true }));
  const limited = reportLimits(outcome.reports, io);
  if (outcome.saveError !== null) {
    io.stderr.write(`dst: ${oneLine(`a shard's --save failed: ${outcome.saveError}`)}\n`);
    return 2;
  }
  if (failedRuns(outcome) > 0) return 1;
  return limited ? 2 : 0;
}
