/**
 * The `dst` command: argument parsing and dispatch. The only place (with bin.js)
 * that decides exit codes. Bad input is one line on stderr and exit code 2.
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError, oneLine } from '../harness/input-error.ts';
import { exploreCommand } from './commands/explore.ts';
import { listCommand } from './commands/list.ts';
import { mergeCommand } from './commands/merge.ts';
import { replayCommand } from './commands/replay.ts';
import { runCommand } from './commands/run.ts';
import { shrinkCommand } from './commands/shrink.ts';
import type { Io } from './io.ts';
import { DST_VERSION } from './version.ts';

const collect = (v: string, prev: string[]) => prev.concat([v]);

function program(io: Io, setCode: (p: Promise<number> | number) => void): Command {
  const p = new Command('dst')
    .description('Deterministic simulation testing for Go-style concurrent code (default target: the fleet-server bulk engine)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => undefined })
    .showSuggestionAfterError(true)
    .version(`dst ${DST_VERSION}`, '-V, --version', 'print the version of dst')
    .allowExcessArguments(false);
  const target = ['--target <t>', 'system under test: a shipped target name or a .ts/.js module path (default bulk-engine)'] as const;
  const maxHeap = ['--max-heap-mb <MB>', 'heap budget of each run; a run that reaches it stops as a tool limit (default: 80 % of the heap limit)'] as const;
  const maxWall = ['--max-wall <duration>', 'wall-clock budget of each run, e.g. 90s, 10m (default 10m)'] as const;
  const quiet = ['--quiet', 'no progress on stderr'] as const;
  const noRaces = ['--no-races', 'skip happens-before tracking and the data-race property (faster; trace hashes are the same)'] as const;
  p.command('run')
    .description('run seeded simulations and check every property')
    .option(...target)
    .option('--scenario <name>', 'scenario name or .json path (repeatable; default: the target\'s default set)', collect, [])
    .option('--variant <v>', 'variant, a comma list, or all (default: the target\'s first; bulk-engine: upstream)')
    .option('--strategy <s>', 'random | pct | go | exhaustive', 'random')
    .option('--gomaxprocs <N>', 'processors of the go strategy (default 2)')
    .option('--go-seeds <N>', 'after the sweep, run N go-strategy seeds per configuration with a bug and say per bug how many found it')
    .option('--seeds <A..B|random:N>', 'inclusive seed range (default 0..199), or N seeds from a start picked at random')
    .option('--seed <N>', 'a single seed')
    .option('--budget <duration>', 'run seeds from the start seed until this much wall-clock time is spent, e.g. 90s, 10m')
    .option('--bail', 'stop at the first failure')
    .option('--workers <N|auto>', 'worker threads (default auto: every core, at most one per 75 runs, when the sweep is large enough to pay for them)')
    .option('--shard <I/N>', 'run only shard I of N of the seeds (1-based: I is 1..N; from a Kubernetes JOB_COMPLETION_INDEX: $((JOB_COMPLETION_INDEX + 1))/N)')
    .option('--save <dir>', 'write one repro file per distinct bug (its smallest run) into DIR, unless DIR has one for it')
    .option('--swarm', 'swarm mode: per seed, switch fault kinds and option values on or off')
    .option('--check-determinism', 'run every case twice and compare trace hashes')
    .option('--coverage', 'interleaving coverage: pairs of dependent steps (by site) seen in both orders, and new pairs per block of seeds (a second pass)')
    .option(...noRaces)
    .option('--json', 'print one JSON report on stdout')
    .option('--timing', "with --json: add wall-clock timing (timing.wallMs, timing.runMs), the only fields that differ between runs of the same seeds")
    .option('--junit <file>', 'also write a JUnit XML report (one test case per scenario, variant and property)')
    .option('--junit-per-run', 'with --junit: one test case per run instead')
    .option(...quiet)
    .option(...maxHeap)
    .option(...maxWall)
    .action((opts) => setCode(runCommand(opts, io)));
  p.command('replay')
    .description('re-run one case exactly and render its trace')
    .argument('[file]', 'a repro file')
    .option(...target)
    .option('--seed <N>', 'seed')
    .option('--choices <list>', 'instead of --seed: the choice of each decision in order, e.g. 0,2,1 (what dst explore prints)')
    .option('--scenario <name>', 'scenario name or .json path')
    .option('--variant <v>', 'variant (default: the target\'s first)')
    .option('--strategy <s>', 'random | pct | go (default random)')
    .option('--gomaxprocs <N>', 'with --strategy go: processors (default 2)')
    .option('--swarm', 'the case was found in swarm mode')
    .addOption(new Option('--trace <format>', 'render the trace: text | json | html'))
    .option('--out <file>', 'write the trace to FILE instead of stdout')
    .option('--task <name>', 'with --trace text: only this task\'s events (repeatable; NAME* is a prefix)', collect, [])
    .option('--block <id>', 'with --trace text: only this block\'s transitions: ID (every generation) or ID.GEN (repeatable)', collect, [])
    .option('--from <s>', 'with --trace text: only events at or after this virtual second')
    .option('--to <s>', 'with --trace text: only events at or before this virtual second')
    .option('--around-failure <n>', 'with --trace text: only the N steps either side of the first violation')
    .option('--save <dir>', 'write this case as a repro file into DIR (whatever its outcome)')
    .option('--note <text>', 'with --save: why the file exists')
    .option('--check', 'with a repro FILE: exit 0 when outcome and trace hash match the file, else 1')
    .option(...noRaces)
    .option('--json', 'print one JSON report on stdout')
    .option(...maxHeap)
    .option(...maxWall)
    .action((file, opts) => setCode(replayCommand(file, opts, io)));
  p.command('explore')
    .description('exhaustive search of a small scenario: source-DPOR over scheduling decisions (or none), under a preemption bound or none')
    .option(...target)
    .option('--scenario <name>', 'scenario name or .json path (default: the target\'s smallest; bulk-engine: tiny)')
    .option('--variant <v>', 'variant (default: the target\'s first)')
    .option('--bound <K>', 'preemption bound K, or none (default: none with --reduction dpor, 2 with none)')
    .option('--reduction <r>', 'dpor (source-DPOR with sleep sets) or none', 'dpor')
    .option('--max-schedules <N>', 'schedule budget', '20000')
    .option('--save <dir>', 'write a repro file for the first failure into DIR')
    .option('--keep-going', 'explore past failures to the end of the space: every violated property, with how many schedules violate it')
    .option(...noRaces)
    .option('--json', 'print one JSON report on stdout')
    .option(...quiet)
    .option(...maxHeap)
    .option(...maxWall)
    .action((opts) => setCode(exploreCommand(opts, io)));
  p.command('shrink')
    .description('minimise a failing case: fewer decisions, more of them the first alternative')
    .argument('<file>', 'a repro file that fails')
    .option(...target)
    .option('--out <file>', 'where to write the shrunk repro file (default: FILE.shrunk.json beside it)')
    .option('--max-runs <N>', 'run budget (every run counts, the first included)', '400')
    .option('--json', 'print one JSON object')
    .option(...quiet)
    .option(...maxHeap)
    .option(...maxWall)
    .action((file, opts) => setCode(shrinkCommand(file, opts, io)));
  p.command('merge')
    .description('combine the --json reports of the shards of one sweep into the report of the whole sweep')
    .argument('<reports...>', 'shard reports (dst run --shard I/N --json)')
    .option('--json', 'print one JSON report on stdout')
    .option('--timing', 'with --json: add the shards\' timing (each shard needs --timing)')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--junit-per-run', 'with --junit: one test case per run')
    .action((files, opts) => setCode(mergeCommand(files, opts, io)));
  p.command('list')
    .description('targets with their variants, scenarios and properties; strategies')
    .option(...target)
    .option('--json', 'print one JSON object')
    .action((opts) => setCode(listCommand(opts, io)));
  return p;
}

const SINGLE = ['--target', '--variant', '--strategy', '--seeds', '--seed', '--choices', '--budget', '--junit', '--workers', '--shard', '--save', '--trace', '--out', '--note', '--bound', '--reduction', '--max-schedules', '--max-runs', '--from', '--to', '--around-failure', '--gomaxprocs', '--go-seeds', '--max-heap-mb', '--max-wall'];

/** A flag that takes one value may be given once (commander would silently keep the last). */
function rejectRepeats(args: readonly string[]): void {
  const single = args[0] === 'run' ? SINGLE : [...SINGLE, '--scenario'];
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const flag = a.split('=')[0] as string;
    if (!single.includes(flag) && flag !== '--scenario') continue;
    if (!a.includes('=')) i++; // the next word is this flag's value, not a flag
    if (!single.includes(flag)) continue;
    if (seen.has(flag)) throw new InputError(`${flag}: given twice; give it once`);
    seen.add(flag);
  }
}

/** Commander's message as one line: `unknown option '--senario'; did you mean --scenario?`. */
function commanderLine(message: string): string {
  const [first = '', ...rest] = message.replace(/^error: /, '').split('\n');
  const hint = rest.map((l) => /^\(Did you mean (.*)\?\)$/.exec(l.trim())).find((m) => m !== null);
  return hint ? `${first}; did you mean ${hint[1]}?` : first;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let pending: Promise<number> | number = 0;
  try {
    const args = argv.length === 0 ? ['run'] : [...argv];
    rejectRepeats(args);
    program(io, (c) => {
      pending = c;
    }).parse(args, { from: 'user' });
    return await pending;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      io.stderr.write(`dst: ${oneLine(commanderLine(e.message))}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      io.stderr.write(`dst: ${oneLine(e.message)}\n`);
      return 2;
    }
    // A crash of the tool itself: never exit 1, which means "a property failed".
    io.stderr.write(`dst: internal error (a bug in dst, please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}
