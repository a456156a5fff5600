/**
 * Distinct bugs: failing runs grouped by violation signature (fuzzers' crash buckets),
 * each with how many runs show it, where it was seen, and its smallest run (preferring a
 * run where nothing more severe happened, then fewest steps, then fewest decisions) with
 * the command that replays it. Pure: reports in, bugs out.
 */
import type { SwarmSwitches } from './swarm-switches.ts';
import { raceGroupOf } from '../properties/core.ts';
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
  /** In swarm mode: the switches that run drew and the configuration values they changed. */
  readonly switches?: SwarmSwitches;
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
  /**
   * Less severe bugs seen only in runs that also show this one (a data race on a block
   * the use-after-free handed to a second owner, a leak after a panic): listed here as
   * its likely consequences instead of as bugs of their own. Replaying this bug shows them.
   */
  readonly consequences: readonly Consequence[];
  /** The most severe class among this bug and its consequences (what the report sorts by). */
  readonly worst: BugSeverity;
}

/** A bug folded into a more severe one (see {@link Bug.consequences}). */
export interface Consequence {
  readonly signature: string;
  readonly severity: BugSeverity;
  readonly runs: number;
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
  const acc = new Map<string, { property: string; runs: number; first: CaseReport; smallest: CaseReport; byVariant: Map<string, number>; scenarios: Set<string>; runIds: Set<number> }>();
  for (const [id, r] of reports.entries()) {
    if (r.passed) continue;
    for (const sig of Object.keys(r.signatureCounts)) {
      let a = acc.get(sig);
      if (a === undefined) {
        const v = r.violations.find((x) => signatureOf(x) === sig);
        if (v === undefined) throw new Error(`report of ${r.scenario} seed ${r.seed} counts signature ${sig} but keeps no violation of it`);
        a = { property: v.property, runs: 0, first: r, smallest: r, byVariant: new Map(), scenarios: new Set(), runIds: new Set() };
        acc.set(sig, a);
      }
      a.runs++;
      a.runIds.add(id);
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
      smallest: { scenario: s.scenario, scenarioRef: s.scenarioRef, variant: s.variant, seed: s.seed, strategy: s.strategy, swarm: s.swarm, steps: s.steps, decisions: s.decisions, traceHash: s.traceHash, replay: s.replay, retained: s.retained, ...(s.schedule !== undefined && { schedule: s.schedule }), ...(s.switches !== undefined && { switches: s.switches }) },
      variants: [...a.byVariant.keys()],
      runsByVariant: Object.fromEntries(a.byVariant),
      scenarios: [...a.scenarios],
      message: s.violations.find((x) => signatureOf(x) === sig)?.message ?? '',
      consequences: [],
      worst: severity.get(a.property) ?? 'determinism',
    });
  }
  const rank = (b: Bug) => (b.severity === 'determinism' ? -1 : severityRank(b.severity));
  bugs.sort((x, y) => rank(x) - rank(y) || (order.get(x.property) ?? 99) - (order.get(y.property) ?? 99) || y.runs - x.runs || (x.signature < y.signature ? -1 : 1));
  const entry = (b: Bug) => acc.get(b.signature) as { runIds: Set<number>; smallest: CaseReport };
  // Where a signature first shows in a bug's smallest run: consequences are listed in that order.
  const firstStep = (parent: Bug, sig: string) => entry(parent).smallest.violations.find((v) => signatureOf(v) === sig)?.evidence.step ?? Number.MAX_SAFE_INTEGER;
  return foldConsequences(bugs, (b) => entry(b).runIds, rank, firstStep);
}

/**
 * Folds bugs into the bugs that likely cause them, as {@link Bug.consequences}:
 * - after memory corruption (one object with two owners) everything else a run shows is
 *   suspect, so a bug whose runs all show a use-after-free or double free is folded under
 *   it, whatever its class (the panics on a cycle the reused block made in a queue), and so is
 *   a memory-corruption bug whose runs all show one seen in more runs;
 * - otherwise a bug whose runs all show a strictly more severe bug is folded under the
 *   first (most severe) such bug, and a data race whose runs all show another race on the
 *   same location (another pair of sites of one unsynchronised variable) under that race.
 * Consequences are listed most severe first, then by where they first show in the bug's
 * smallest run (a root cause before what follows from it). Determinism bugs are never
 * folded, nor folded into: a run that proves nothing explains nothing. The kept bugs are
 * ordered by {@link Bug.worst}, the most severe class of the bug and its consequences.
 */
function foldConsequences(sorted: Bug[], runsOf: (b: Bug) => Set<number>, rank: (b: Bug) => number, firstStep: (parent: Bug, sig: string) => number): Bug[] {
  const parentOf = new Map<Bug, Bug>();
  const within = (b: Bug, p: Bug) => isSubset(runsOf(b), runsOf(p));
  const corruption = sorted.filter((b) => b.severity === 'memory-corruption').sort((x, y) => y.runs - x.runs || sorted.indexOf(x) - sorted.indexOf(y));
  const roots: Bug[] = [];
  for (const b of corruption) {
    const p = roots.find((r) => within(b, r));
    if (p === undefined) roots.push(b);
    else parentOf.set(b, p);
  }
  for (const b of sorted) {
    if (b.severity === 'memory-corruption' || b.severity === 'determinism') continue;
    const p = roots.find((r) => within(b, r));
    if (p !== undefined) parentOf.set(b, p);
  }
  const kept: Bug[] = [];
  for (const b of sorted) {
    if (parentOf.has(b)) continue;
    const p = b.severity === 'determinism' ? undefined : kept.find((k) => k.severity !== 'determinism' && (rank(k) < rank(b) || sameRaceLocation(k, b)) && within(b, k));
    if (p === undefined) kept.push(b);
    else parentOf.set(b, p);
  }
  const folded = new Map<Bug, Consequence[]>(kept.map((b) => [b, []]));
  for (const b of sorted) {
    const p = parentOf.get(b);
    if (p !== undefined) (folded.get(p) as Consequence[]).push({ signature: b.signature, severity: b.severity, runs: b.runs });
  }
  const grouped = kept.map((b) => {
    const c = folded.get(b) as Consequence[];
    const at = new Map(c.map((x) => [x.signature, firstStep(b, x.signature)]));
    const ordered = [...c].sort((x, y) => rank(x as Bug) - rank(y as Bug) || (at.get(x.signature) as number) - (at.get(y.signature) as number) || y.runs - x.runs);
    const worst = ordered.length > 0 && rank(ordered[0] as Bug) < rank(b) ? (ordered[0] as Consequence).severity : b.severity;
    return { ...b, worst, consequences: ordered };
  });
  const worstRank = (b: Bug) => rank({ ...b, severity: b.worst });
  return grouped.map((b, i) => ({ b, i })).sort((x, y) => worstRank(x.b) - worstRank(y.b) || x.i - y.i).map((x) => x.b);
}

/** Whether two bugs are data races on the same location group. */
function sameRaceLocation(a: Bug, b: Bug): boolean {
  const g = raceGroupOf(a.signature);
  return g !== null && g === raceGroupOf(b.signature);
}

function isSubset(a: Set<number>, b: Set<number>): boolean {
  if (a.size > b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
