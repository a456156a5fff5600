/**
 * The summary of a GoKer run: GoBench's rows (resource, communication and mixed
 * deadlock for the blocking group, Table IV; traditional and Go-specific for the
 * non-blocking group, Table V), the published peers' figures for each group, and how many
 * runs each found bug took.
 */
import type { KernelEntry } from '../../targets/goker/catalog.ts';
import type { KernelMeasurement } from './measure.ts';

/** One row of the summary. */
export interface SummaryRow {
  readonly category: string;
  /** Kernels GoBench lists in this category for issue #16. */
  readonly kernels: number;
  /** Of those, ported and run. */
  readonly ported: number;
  readonly detected: number;
  /** Detected over `kernels` (not-ported kernels count as not found), in %. */
  readonly detectionRate: number;
  /** Fixed variants with a failure. */
  readonly falsePositives: number;
  /** Fixed variants exhausted by exploration. */
  readonly fixedExhausted: number;
}

/** A peer tool's published result on GoKer's 68 blocking kernels (GoBench artifact, `cmd/pdf/index.html`). */
export interface PeerFigure {
  readonly tool: string;
  readonly found: number;
  readonly of: number;
}

/** The peers' figures issue #16 quotes for GoKer's blocking group. */
export const PEERS: readonly PeerFigure[] = [
  { tool: 'goleak', found: 43, of: 68 },
  { tool: 'go-deadlock', found: 28, of: 68 },
  { tool: 'dingo-hunter', found: 1, of: 68 },
];

/** The Go race detector's published result on GoKer's 35 non-blocking kernels (GoBench artifact). */
export const NON_BLOCKING_PEERS: readonly PeerFigure[] = [{ tool: 'Go race detector', found: 32, of: 35 }];

/** Buckets of runs-to-find. */
export const RUNS_BUCKETS = ['1', '2-10', '11-100', '>100', 'not found'] as const;

/** Runs-to-find counts per bucket. */
export type RunsToFind = Readonly<Record<(typeof RUNS_BUCKETS)[number], number>>;

/** The summary of the non-blocking group (the same shape as the blocking group's fields of {@link Summary}). */
export interface GroupSummary {
  readonly rows: readonly SummaryRow[];
  readonly total: SummaryRow;
  readonly runsToFind: RunsToFind;
  readonly peers: readonly PeerFigure[];
}

/** The whole summary: the blocking group's fields at the top level, the non-blocking group in `nonBlocking`. */
export interface Summary {
  readonly rows: readonly SummaryRow[];
  readonly total: SummaryRow;
  readonly runsToFind: RunsToFind;
  readonly peers: readonly PeerFigure[];
  readonly nonBlocking: GroupSummary;
  /** Kernels listed but not ported, with the reason. */
  readonly notPorted: ReadonlyArray<{ readonly id: string; readonly group: string; readonly reason: string }>;
}

const pct = (a: number, b: number): number => (b === 0 ? 0 : Math.round((1000 * a) / b) / 10);

function row(category: string, listed: readonly KernelEntry[], ms: readonly KernelMeasurement[]): SummaryRow {
  const detected = ms.filter((m) => m.detected).length;
  return {
    category,
    kernels: listed.length,
    ported: ms.length,
    detected,
    detectionRate: pct(detected, listed.length),
    falsePositives: ms.filter((m) => !m.fixedClean).length,
    fixedExhausted: ms.filter((m) => m.exploreFixed?.exhausted === true).length,
  };
}

/** The bucket of a runs-to-find count. */
export function bucketOf(runs: number | null): (typeof RUNS_BUCKETS)[number] {
  if (runs === null) return 'not found';
  if (runs <= 1) return '1';
  if (runs <= 10) return '2-10';
  if (runs <= 100) return '11-100';
  return '>100';
}

/** One group's rows, total and runs-to-find (a kernel listed but not measured counts as not found). */
function group(listed: readonly KernelEntry[], ms: readonly KernelMeasurement[], totalName: string, peers: readonly PeerFigure[]): GroupSummary {
  const categories = [...new Set(listed.map((k) => k.category))].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const mine = ms.filter((m) => listed.some((k) => k.id === m.id));
  const rows = categories.map((c) => row(c, listed.filter((k) => k.category === c), mine.filter((m) => m.category === c)));
  const runsToFind = Object.fromEntries(RUNS_BUCKETS.map((b) => [b, 0])) as Record<(typeof RUNS_BUCKETS)[number], number>;
  for (const k of listed) {
    const m = mine.find((x) => x.id === k.id);
    runsToFind[bucketOf(m?.runsToFind ?? null)]++;
  }
  return { rows, total: row(totalName, listed, mine), runsToFind, peers };
}

/** Summarises the measurements of both groups against the whole catalog. */
export function summarise(catalog: readonly KernelEntry[], ms: readonly KernelMeasurement[]): Summary {
  const blocking = group(catalog.filter((k) => k.group === 'blocking'), ms, 'blocking, total', PEERS);
  return {
    ...blocking,
    nonBlocking: group(catalog.filter((k) => k.group === 'non-blocking'), ms, 'non-blocking, total', NON_BLOCKING_PEERS),
    notPorted: catalog.filter((k) => k.load === undefined).map((k) => ({ id: k.id, group: k.group, reason: k.notPorted ?? '' })),
  };
}

const ORDER = ['Resource Deadlock', 'Communication Deadlock', 'Mixed Deadlock', 'Traditional', 'Go-Specific'];
