/**
 * Combines shard reports into the report of the whole sweep: the shards must be of one
 * sweep (same target, variants, scenarios, strategy, seed range, switches) and together
 * every shard of it, once each. Runs are put back in report order (variant, scenario,
 * seed) and grouped into bugs by the same code as `dst run`, so each bug's runs, first
 * seed and smallest case are what one unsharded run would report.
 */
import { groupBugs, type BugSeverity } from '../../harness/bugs.ts';
import type { CaseReport } from '../../harness/case.ts';
import { InputError } from '../../harness/input-error.ts';
import type { CheckedProperty } from '../../harness/properties.ts';
import type { ReportedBug } from '../report/bugs.ts';
import type { SweepOutcome } from '../report/run-outcome.ts';
import { rebuildRuns, type RebuiltRun } from './rebuild.ts';
import type { ShardReport } from './report-schema.ts';

/** A shard report and the file it came from. */
export interface ShardFile {
  readonly file: string;
  readonly report: ShardReport;
}

/** The fields every shard of one sweep has in common (compared as JSON). */
const SAME = ['target', 'variant', 'variants', 'strategy', 'gomaxprocs', 'scenarios', 'seeds', 'swarm', 'races', 'properties', 'rerunHost'] as const;

function shardOf(s: ShardFile): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s.report.shard ?? '1/1') as RegExpExecArray;
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** Checks that the files are the shards of one sweep, each once; throws an {@link InputError} naming the file and field. */
export function checkShards(shards: readonly ShardFile[]): void {
  const first = shards[0] as ShardFile;
  for (const s of shards.slice(1)) {
    for (const k of SAME) {
      if (JSON.stringify(s.report[k]) !== JSON.stringify(first.report[k])) throw new InputError(`merge: ${s.file}: ${k} differs from ${first.file}'s: not a shard of the same sweep`);
    }
    for (const k of ['budget', 'bail'] as const) {
      if ((s.report[k] === undefined) !== (first.report[k] === undefined)) throw new InputError(`merge: ${s.file}: ${k === 'budget' ? '--budget' : '--bail'} was given to some shards only`);
    }
    if (s.report.budget !== undefined && s.report.budget.seconds !== first.report.budget?.seconds) throw new InputError(`merge: ${s.file}: budget differs from ${first.file}'s`);
  }
  const count = shardOf(first).count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const sh = shardOf(s);
    if (sh.count !== count) throw new InputError(`merge: ${s.file}: shard ${sh.index}/${sh.count}, but ${first.file} is one of ${count}`);
    const dup = seen.get(sh.index);
    if (dup !== undefined) throw new InputError(`merge: ${s.file} and ${dup} are both shard ${sh.index}/${count}`);
    seen.set(sh.index, s.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new InputError(`merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing (every shard of the sweep is needed)`);
}

/** The whole sweep's outcome from its shards (checked with {@link checkShards} first). */
export function combineShards(shards: readonly ShardFile[]): SweepOutcome {
  checkShards(shards);
  const first = (shards[0] as ShardFile).report;
  const variants = first.variants ?? [first.variant];
  const vIndex = new Map(variants.map((v, i) => [v, i]));
  const sIndex = new Map(first.scenarios.map((s, i) => [s, i]));
  const rank = (r: CaseReport) => [vIndex.get(r.variant) ?? -1, sIndex.get(r.scenarioRef) ?? -1, r.seed ?? -1] as const;
  const runs: RebuiltRun[] = shards.flatMap((s) => rebuildRuns(s.report));
  for (const x of runs) if (rank(x.report).slice(0, 2).includes(-1)) throw new InputError(`merge: a run of ${x.report.scenarioRef} on ${x.report.variant} is not of the sweep's scenarios and variants`);
  runs.sort((a, b) => {
    const x = rank(a.report);
    const y = rank(b.report);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  const reports = runs.map((x) => x.report);
  const properties = first.properties.map((p) => ({ name: p.name, severity: p.severity as BugSeverity }));
  const checked: CheckedProperty[] = properties.map((p) => ({ name: p.name, description: '', severity: p.severity === 'determinism' ? null : p.severity, core: false }));
  const bugs: ReportedBug[] = groupBugs(reports, checked).map((b) => {
    // What a bug's schedule needs was measured on its smallest run, in the shard that ran it (and --go-seeds, never sharded, on its only report).
    const same = shards.flatMap((s) => s.report.bugs).find((x) => x.signature === b.signature && x.smallest.scenario === b.smallest.scenario && x.smallest.variant === b.smallest.variant && x.smallest.seed === b.smallest.seed);
    return { ...b, ...(same?.needs !== undefined && { needs: same.needs }), ...(same?.go !== undefined && { go: same.go as ReportedBug['go'] }) };
  });
  const all = shards.map((s) => s.report);
  const [from, to] = first.seeds.split('..').map(Number) as [number, number];
  return {
    target: first.target,
    variants,
    scenarios: first.scenarios,
    strategy: first.strategy,
    procs: first.gomaxprocs ?? null,
    seeds: { from, to },
    shard: null,
    random: first.random ?? null,
    budget: first.budget !== undefined ? { ms: first.budget.seconds * 1000, seeds: all.reduce((n, r) => n + (r.budget?.seeds ?? 0), 0), stopped: all.some((r) => r.budget?.stopped), rerun: null } : null,
    bail: first.bail !== undefined ? { stopped: all.some((r) => r.bail?.stopped) } : null,
    swarm: first.swarm === true,
    races: first.races !== false,
    properties,
    reports,
    ms: runs.map((x) => x.ms),
    bugs,
    reruns: first.reruns !== undefined ? { count: all.reduce((n, r) => n + (r.reruns ?? 0), 0), host: first.rerunHost ?? '' } : null,
    saved: all.flatMap((r) => r.saved),
    skipped: all.some((r) => r.skipped !== undefined) ? all.flatMap((r) => r.skipped ?? []) : null,
    saveError: all.find((r) => r.saveError !== undefined)?.saveError ?? null,
    wallMs: all.flatMap((r) => r.timing?.wallMs ?? []),
    timing: false,
  };
}
