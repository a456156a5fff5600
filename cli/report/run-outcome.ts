/**
 * What one `dst run` sweep produced, as its reports render it: the `--json` object
 * ({@link outcomeJson}), the human report (`run-human.ts`) and JUnit (`junit.ts`). `dst
 * merge` rebuilds the same value from shard reports, so a merged report is rendered by the
 * same code as the unsharded one.
 */
import type { CoverageSummary } from '../../sim/index.ts';
import type { BugSeverity } from '../../harness/bugs.ts';
import type { CaseReport } from '../../harness/case.ts';
import type { ReportedBug } from './bugs.ts';
import { bugJson, retentionJson } from './bugs-json.ts';
import { runReport } from './json.ts';

/** A property as reports need it: its name and severity (in the target's report order). */
export interface ReportedProperty {
  readonly name: string;
  readonly severity: BugSeverity;
}

/** One sweep, finished. */
export interface SweepOutcome {
  readonly target: string;
  readonly variants: readonly string[];
  /** Configurations as named on the command line. */
  readonly scenarios: readonly string[];
  readonly strategy: string;
  /** `GOMAXPROCS` of the go strategy, else null. */
  readonly procs: number | null;
  /** The seed range asked for (with a budget and no range: from the start to the largest seed). */
  readonly seeds: { readonly from: number; readonly to: number };
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly random: { readonly start: number; readonly count: number } | null;
  /**
   * `--budget`: its length, the whole seeds run (this shard's), whether it stopped the sweep,
   * and the seed flags that rerun exactly those runs (`--seeds 0..41`, with `--shard I/N` when
   * sharded; null when no whole seed ran, or for a merge, whose shards each ran their own).
   */
  readonly budget: { readonly ms: number; readonly seeds: number; readonly stopped: boolean; readonly rerun: string | null } | null;
  /** `--bail`: whether a failure stopped the sweep. */
  readonly bail: { readonly stopped: boolean } | null;
  readonly swarm: boolean;
  /** Race detection (false with `--no-races`: the report then has `races: false`). */
  readonly races: boolean;
  readonly properties: readonly ReportedProperty[];
  /** Every kept run, in report order (variant, scenario, seed). */
  readonly reports: readonly CaseReport[];
  /** Wall-clock ms of each run, aligned with {@link reports}. */
  readonly ms: readonly number[];
  readonly bugs: readonly ReportedBug[];
  /** `--check-determinism`: re-runs made in the other process, and that host. */
  readonly reruns: { readonly count: number; readonly host: string } | null;
  /** `--save`: files written, bugs skipped (null without `--save`), the save error. */
  readonly saved: readonly string[];
  readonly skipped: ReadonlyArray<{ readonly signature: string; readonly file: string }> | null;
  readonly saveError: string | null;
  /** Wall-clock ms of the whole sweep (each shard's, for a merge). */
  readonly wallMs: readonly number[];
  /** `--timing`: `--json` has {@link wallMs} and {@link ms} as `timing` (else nothing that varies between runs). */
  readonly timing: boolean;
  /** `--coverage`: interleaving coverage per variant (a second, recording pass), else null. */
  readonly coverage?: ReadonlyArray<CoverageSummary & { readonly variant: string }> | null;
}

/** The runs that failed a property (not those a budget of the tool stopped). */
export function failedRuns(o: Pick<SweepOutcome, 'reports'>): number {
  return o.reports.filter((r) => !r.passed && !r.limit).length;
}

/**
 * The `--json` report (DESIGN §7, §10): byte for byte the same however the sweep was run
 * (threads, shards then `dst merge`), unless `--timing` adds the one field that is not.
 */
export function outcomeJson(o: SweepOutcome): Record<string, unknown> {
  const meta = {
    target: o.target,
    variant: o.variants.join(','),
    ...(o.variants.length > 1 && { variants: o.variants }),
    strategy: o.strategy,
    ...(o.procs !== null && { gomaxprocs: o.procs }),
    scenarios: o.scenarios,
    seeds: `${o.seeds.from}..${o.seeds.to}`,
    ...(o.shard && { shard: `${o.shard.index}/${o.shard.count}` }),
    ...(o.random && { random: o.random }),
    ...(o.budget && { budget: { seconds: o.budget.ms / 1000, seeds: o.budget.seeds, stopped: o.budget.stopped, ...(o.budget.rerun !== null && { rerun: o.budget.rerun }) } }),
    ...(o.bail && { bail: o.bail }),
    ...(o.swarm && { swarm: true }),
    ...(!o.races && { races: false }),
    saved: o.saved,
    ...(o.skipped !== null && { skipped: o.skipped }),
    ...(o.reruns !== null && { reruns: o.reruns.count, rerunHost: o.reruns.host }),
    ...(o.saveError !== null && { saveError: o.saveError }),
    bugs: o.bugs.map(bugJson),
    retention: retentionJson(o.reports),
    properties: o.properties,
    ...(o.coverage != null && { coverage: o.coverage }),
  };
  const report = runReport(o.reports, meta);
  if (o.timing) report.timing = { wallMs: o.wallMs.map(round), runMs: o.ms.map(round) };
  return report;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

