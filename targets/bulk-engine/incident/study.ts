/**
 * The incident study: the `incident` scenario (or another) run once on every variant —
 * once per distinct flag set, since variants with equal flags give identical runs — and
 * each run's series over virtual time, with the summary of a window (the storm) that the
 * README compares with upstream PR #6747's figures.
 */
import { DISTINCT_VARIANTS, flagsKey, VARIANT_NAMES, VARIANTS, type VariantName } from '../../../engine/index.ts';
import { runCase } from '../../../harness/case.ts';
import type { FinishedRun } from '../../../harness/target.ts';
import type { Scenario } from '../../../scenario/schema.ts';
import type { EngineWorld } from '../../../scenario/world.ts';
import { engineCase } from '../testing.ts';
import { incidentTimeline, type TimelineRow } from './timeline.ts';

/** What upstream PR #6747 reports for one pod of its 30k-agent scale test. */
export const PR_FIGURES = Object.freeze({
  agentsPerPod: Math.round(30_000 / 39),
  concurrentCheckinsBlockedInDispatch: 479,
  checkinDurationsS: [5, 45] as const,
  channelCapacity: 32,
  memoryLimitMi: 154,
  leaked: 'thousands of blk objects leaked per minute',
});

/** The window means of one variant. */
export interface StudySummary {
  readonly parkedDispatchers: number;
  readonly waitingForAnswer: number;
  readonly inDispatch: number;
  readonly checkinsInSetup: number;
  readonly checkinsInFlight: number;
  readonly poolMissesPerMin: number;
  readonly unfreedBlocksPerMin: number;
  readonly garbageBlocksPerMin: number;
  readonly retainedBlocks: number;
  readonly retainedBytes: number;
  readonly liveDrains: number;
  /** Set-up durations of checkins that started in the window, seconds. */
  readonly setupP10: number;
  readonly setupP50: number;
  readonly setupP90: number;
  readonly checkins: number;
}

/** One variant (and the variants with the same flags) in the study. */
export interface StudyVariant {
  readonly name: VariantName;
  /** Other variants with equal flags (identical runs). */
  readonly sameAs: readonly VariantName[];
  readonly source: string;
  readonly traceHash: string;
  readonly properties: readonly string[];
  readonly summary: StudySummary;
  readonly series: readonly TimelineRow[];
}

/** The study's table (the JSON file `npm run incident` writes). */
export interface StudyTable {
  readonly format: 'dst-incident/1';
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly binS: number;
  /** The window the summaries average over (virtual seconds). */
  readonly window: { readonly fromS: number; readonly toS: number };
  readonly pr: typeof PR_FIGURES;
  readonly variants: readonly StudyVariant[];
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function summarize(rows: readonly TimelineRow[], w: EngineWorld, fromS: number, toS: number): StudySummary {
  const inWin = rows.filter((r) => r.t >= fromS && r.t < toS);
  const mean = (k: keyof TimelineRow) => round(inWin.reduce((s, r) => s + r[k], 0) / Math.max(1, inWin.length));
  const setups = w.checkins.filter((c) => c.start >= fromS * 1e6 && c.start < toS * 1e6 && c.setupEnd !== null).map((c) => ((c.setupEnd as number) - c.start) / 1e6).sort((a, b) => a - b);
  const q = (p: number) => round(setups[Math.floor(p * (setups.length - 1))] ?? 0);
  return {
    parkedDispatchers: mean('parkedDispatchers'),
    waitingForAnswer: mean('waitingForAnswer'),
    inDispatch: round(mean('parkedDispatchers') + mean('waitingForAnswer')),
    checkinsInSetup: mean('checkinsInSetup'),
    checkinsInFlight: mean('checkinsInFlight'),
    poolMissesPerMin: mean('poolMissesPerMin'),
    unfreedBlocksPerMin: mean('unfreedBlocksPerMin'),
    garbageBlocksPerMin: mean('garbageBlocksPerMin'),
    retainedBlocks: mean('retainedBlocks'),
    retainedBytes: Math.round(mean('retainedBytes')),
    liveDrains: mean('liveDrains'),
    setupP10: q(0.1),
    setupP50: q(0.5),
    setupP90: q(0.9),
    checkins: setups.length,
  };
}

/** Options of {@link runIncidentStudy}. */
export interface StudyOptions {
  readonly seed?: number;
  readonly binS?: number;
  /** The window to summarize; default: the scenario's first brownout, else the whole load. */
  readonly window?: { readonly fromS: number; readonly toS: number };
  /** Called after each variant's run (progress). */
  readonly onVariant?: (name: VariantName) => void;
}

/** Runs the study on `scenario`. */
export function runIncidentStudy(scenario: Scenario, o: StudyOptions = {}): StudyTable {
  const seed = o.seed ?? 0;
  const binS = o.binS ?? 30;
  const b = scenario.elasticsearch.brownouts[0];
  const window = o.window ?? (b !== undefined ? { fromS: b.atS, toS: b.atS + b.forS } : { fromS: 0, toS: scenario.durationS });
  const variants: StudyVariant[] = [];
  for (const name of ['release-8.19', 'pre-fix', 'pr-6747', 'release-9.5', 'upstream', 'hardened'] as const satisfies readonly VariantName[]) {
    const key = flagsKey(VARIANTS[name]);
    const c = runCase(engineCase({ scenario, variant: name, seed }));
    const run = c.run as FinishedRun<Scenario, EngineWorld>;
    const tl = incidentTimeline(run, binS);
    variants.push({
      name,
      sameAs: VARIANT_NAMES.filter((v) => v !== name && flagsKey(VARIANTS[v]) === key),
      source: VARIANTS[name].source,
      traceHash: c.report.traceHash,
      properties: [...new Set(c.report.violations.map((v) => v.property))],
      summary: summarize(tl.rows, run.world, window.fromS, window.toS),
      series: tl.rows,
    });
    o.onVariant?.(name);
  }
  if (variants.length !== DISTINCT_VARIANTS.length) throw new Error('incident study: one run per distinct flag set expected');
  return { format: 'dst-incident/1', scenario: scenario.name, description: scenario.description, seed, binS, window, pr: PR_FIGURES, variants };
}
