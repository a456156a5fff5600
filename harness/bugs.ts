/**
 * Distinct bugs: failing runs grouped by violation signature (fuzzers' crash buckets),
 * each with how many runs show it, where it was seen, and its smallest run (preferring a
 * run where nothing more severe happened, then fewest steps, then fewest decisions) with
 * the command that replays it. Pure: reports in, bugs out.
 */
import { signatureOf } from '../properties/signature.ts';
import { severityRank, type Severity } from '../properties/severity.ts';
import type { CaseReport, ScheduleMeasure } from './case.ts';
import type { CheckedProperty } from './properties.ts';
import type { RetentionSummary } from './retention.ts';

/** A bug's severity: a class, or `determinism` (the run proves nothing; it leads every report). */
export type BugSeverity = Severity | 'determinism';

/** The smallest run that shows a bug. */
export interface SmallestCase {
  readonly scenario: string;
  /** How the scenario was named (a name or a path), for re-running it. */
  readonly scenarioRef: string;
  readonly variant: string;
  readonly seed: number | null;
  readonly strategy: CaseReport['strategy'];
  readonly swarm: boolean;
  readonly steps: number;
  readonly decisions: number;
  readonly traceHash: string;
  readonly replay: string;
  /** What that run kept reachable. */
  readonly retained: RetentionSummary;
  /** How special its schedule is (preemptions, woken receivers run before their senders). */
  readonly schedule?: ScheduleMeasure;
}

/** One distinct bug. */
export interface Bug {
  readonly signature: string;
  readonly property: string;
  readonly severity: BugSeverity;
  /** Runs that show it. */
  readonly runs: number;
  /** The first run showing it, in report order (scenario, then seed). */
  readonly firstSeed: number | null;
  readonly firstScenario: string;
  readonly smallest: SmallestCase;
  /** Variants it was seen on, in the order first seen, and runs per variant. */
  readonly variants: readonly string[];
  readonly runsByVariant: Readonly<Record<string, number>>;
  /** Scenarios it was seen in. */
  readonly scenarios: readonly string[];
  /** One explanation (of the smallest run's first violation with this signature). */
  readonly message: string;
}

/**
 * Whether run `r` is a better smallest case of a bug of `property` than `best`: a run
 * where nothing more severe happened (its first property is the bug's) beats one where
 * the bug may be a consequence of a worse one; then fewer steps, then fewer decisions.
 */
function better(r: CaseReport, best: CaseReport, property: string): boolean {
  const clean = r.property === property;
  const bestClean = best.property === property;
  if (clean !== bestClean) return clean;
  return r.steps < best.steps || (r.steps === best.steps && r.decisions < best.decisions);
}

/** Groups failing reports into bugs, most severe first (then property order, then most runs). */
export function groupBugs(reports: readonly CaseReport[], properties: readonly CheckedProperty[]): Bug[] {
  const order = new Map(properties.map((p, i) => [p.name, i]));
  const severity = new Map(properties.map((p) => [p.name, p.severity ?? ('determinism' as const)]));
  const acc = new Map<string, { property: string; runs: number; first: CaseReport; smallest: CaseReport; byVariant: Map<string, number>; scenarios: Set<string> }>();
  for (const r of reports) {
    if (r.passed) continue;
    for (const sig of Object.keys(r.signatureCounts)) {
      let a = acc.get(sig);
      if (a === undefined) {
        const v = r.violations.find((x) => signatureOf(x) === sig);
        if (v === undefined) throw new Error(`report of ${r.scenario} seed ${r.seed} counts signature ${sig} but keeps no violation of it`);
        a = { property: v.property, runs: 0, first: r, smallest: r, byVariant: new Map(), scenarios: new Set() };
        acc.set(sig, a);
      }
      a.runs++;
      a.byVariant.set(r.variant, (a.byVariant.get(r.variant) ?? 0) + 1);
      a.scenarios.add(r.scenario);
      if (better(r, a.smallest, a.property)) a.smallest = r;
    }
  }
  const bugs: Bug[] = [];
  for (const [sig, a] of acc) {
    const s = a.smallest;
    bugs.push({
      signature: sig,
      property: a.property,
      severity: severity.get(a.property) ?? 'determinism',
      runs: a.runs,
      firstSeed: a.first.seed,
      firstScenario: a.first.scenario,
      smallest: { scenario: s.scenario, scenarioRef: s.scenarioRef, variant: s.variant, seed: s.seed, strategy: s.strategy, swarm: s.swarm, steps: s.steps, decisions: s.decisions, traceHash: s.traceHash, replay: s.replay, retained: s.retained, ...(s.schedule !== undefined && { schedule: s.schedule }) },
      variants: [...a.byVariant.keys()],
      runsByVariant: Object.fromEntries(a.byVariant),
      scenarios: [...a.scenarios],
      message: s.violations.find((x) => signatureOf(x) === sig)?.message ?? '',
    });
  }
  const rank = (b: Bug) => (b.severity === 'determinism' ? -1 : severityRank(b.severity));
  return bugs.sort((x, y) => rank(x) - rank(y) || (order.get(x.property) ?? 99) - (order.get(y.property) ?? 99) || y.runs - x.runs || (x.signature < y.signature ? -1 : 1));
}
