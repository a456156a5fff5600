/**
 * `npm run incident [-- DIR] [--scenario S] [--seed N]`: the incident study. Runs the
 * scenario (default `incident`) on every variant, one run per distinct flag set, and
 * writes `incident.svg` (the chart) and `incident.json` (the table over virtual time, with
 * the storm window's summary and the PR's figures) into DIR (default `dst-incident/` in the
 * working directory), each atomically. Prints one summary line per variant. Exit 0, or 2
 * on bad input.
 */
import { InputError } from '../harness/input-error.ts';
import { loadScenario } from '../scenario/load.ts';
import { incidentSvg } from '../targets/bulk-engine/incident/chart.ts';
import { runIncidentStudy, type StudyTable } from '../targets/bulk-engine/incident/study.ts';
import { ensureDir, writeInside } from './files.ts';

/** Parsed arguments. */
interface Args {
  readonly dir: string;
  readonly scenario: string;
  readonly seed: number;
}

function parse(argv: readonly string[]): Args {
  let dir: string | undefined;
  let scenario = 'incident';
  let seed = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--scenario' || a === '--seed') {
      const v = argv[++i];
      if (v === undefined) throw new InputError(`${a}: a value is required`);
      if (a === '--scenario') scenario = v;
      else if (/^\d+$/.test(v)) seed = Number(v);
      else throw new InputError(`--seed: expected a non-negative integer, got "${v}"`);
    } else if (a.startsWith('-')) throw new InputError(`unknown flag ${a} (allowed: DIR, --scenario S, --seed N)`);
    else if (dir === undefined) dir = a;
    else throw new InputError(`one output folder expected, got "${dir}" and "${a}"`);
  }
  return { dir: dir ?? 'dst-incident', scenario, seed };
}

/** One line per variant: what the storm window looked like. */
function summaryLines(t: StudyTable): string[] {
  return t.variants.map((v) => {
    const s = v.summary;
    const names = [v.name, ...v.sameAs].join('=');
    return `${names}: in dispatch ${s.inDispatch} (parked ${s.parkedDispatchers}, waiting ${s.waitingForAnswer}), set-up p10/p50/p90 ${s.setupP10}/${s.setupP50}/${s.setupP90} s, pool misses ${s.poolMissesPerMin}/min, never freed ${s.unfreedBlocksPerMin}/min, retained ${s.retainedBlocks} blocks ${(s.retainedBytes / 1024).toFixed(1)} KiB, drains ${s.liveDrains}`;
  });
}

/** Runs the command; returns the exit code. */
export function main(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): number {
  let args: Args;
  try {
    args = parse(argv);
    ensureDir('DIR', args.dir);
    const scenario = loadScenario(args.scenario);
    out(`dst incident study: ${scenario.name} (seed ${args.seed}) on every variant`);
    const table = runIncidentStudy(scenario, { seed: args.seed, onVariant: (v) => out(`  ran ${v}`) });
    const json = writeInside(args.dir, 'incident.json', `${JSON.stringify(table, null, 1)}\n`);
    const svg = writeInside(args.dir, 'incident.svg', incidentSvg(table));
    out(`storm window ${table.window.fromS}-${table.window.toS} s; PR #6747: ~${table.pr.concurrentCheckinsBlockedInDispatch} checkins blocked in dispatch, ${table.pr.checkinDurationsS.join('-')} s checkins`);
    for (const l of summaryLines(table)) out(`  ${l}`);
    out(`wrote ${json} and ${svg}`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      err(`dst incident: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2), (l) => process.stdout.write(`${l}\n`), (l) => process.stderr.write(`${l}\n`));
}
