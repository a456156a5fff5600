/**
 * Shrinking a failing case: fewer and smaller decisions that still fail the same way.
 *
 * The case is re-run under a list chooser (each decision takes the next integer clamped
 * to its width; 0 past the end of the list), so any edited list is still a valid
 * schedule. Passes, repeated until nothing changes or the budget runs out: cut the tail
 * (binary search on the length), zero chunks of decisions (halving the chunk size), and
 * lower single decisions. Decision 0 is the first alternative: the first runnable task,
 * the first ready select case, no fault. The result is re-recorded as an exact decision
 * list, so it replays like any other repro file.
 */
import { ListChooser, type Decision } from '../sim/index.ts';
import { runWithStrategy, type CaseReport, type CaseSpec } from './case.ts';
import { makeStrategy } from './strategy-spec.ts';

/** What shrinking achieved. */
export interface ShrinkResult {
  readonly property: string;
  /** Decisions before and after. */
  readonly before: number;
  readonly after: number;
  /** Non-zero decisions before and after (choices that are not the first alternative). */
  readonly nonZeroBefore: number;
  readonly nonZeroAfter: number;
  /** Runs spent. */
  readonly runs: number;
  /** The shrunk case's exact decision list and report. */
  readonly decisions: readonly Decision[];
  readonly report: CaseReport;
}

/** Shrinks `spec`, which must fail with some property. */
export function shrinkCase(spec: CaseSpec, opts: { maxRuns?: number } = {}): ShrinkResult {
  const maxRuns = opts.maxRuns ?? 400;
  const first = runWithStrategy(spec, makeListFromSpec(spec));
  const property = first.report.property;
  if (first.report.limit !== null) throw new Error(`a budget of dst stopped the run: ${first.report.limit}`);
  if (property === null) throw new Error('the case passes; there is nothing to shrink');
  // Zeroed scheduling decisions can starve tasks; a candidate may not run much longer than the original.
  const bounded: CaseSpec = { ...spec, maxSteps: first.report.steps * 4 + 10_000 };
  let best = first.result.decisions.toArray().map((d) => d.choice);
  let runs = 1;
  // A candidate counts only if it ends on its own (not cut off by the tighter budget, so it
  // replays without it) and still violates the property.
  const fails = (values: number[]): boolean => {
    runs++;
    const r = runWithStrategy(bounded, new ListChooser(values)).report;
    return !endedByBudget(r) && r.violations.some((v) => v.property === property);
  };
  const nonZero = (xs: readonly number[]) => xs.filter((x) => x !== 0).length;
  const before = best.length;
  const nonZeroBefore = nonZero(best);
  let changed = true;
  while (changed && runs < maxRuns) {
    changed = false;
    // 1. Cut the tail: the shortest prefix that still fails.
    let lo = 0;
    let hi = best.length;
    while (lo < hi && runs < maxRuns) {
      const mid = (lo + hi) >> 1;
      if (fails(best.slice(0, mid))) hi = mid;
      else lo = mid + 1;
    }
    if (hi < best.length) {
      best = best.slice(0, hi);
      changed = true;
    }
    // 2. Zero chunks, halving the chunk size.
    for (let size = Math.max(1, best.length >> 1); size >= 1 && runs < maxRuns; size >>= 1) {
      for (let at = 0; at < best.length && runs < maxRuns; at += size) {
        if (best.slice(at, at + size).every((x) => x === 0)) continue;
        const cand = best.slice();
        cand.fill(0, at, at + size);
        if (fails(cand)) {
          best = cand;
          changed = true;
        }
      }
    }
    // 3. Lower single decisions by one.
    for (let i = 0; i < best.length && runs < maxRuns; i++) {
      if ((best[i] as number) <= 1) continue;
      const cand = best.slice();
      cand[i] = (cand[i] as number) - 1;
      if (fails(cand)) {
        best = cand;
        changed = true;
      }
    }
  }
  const final = runWithStrategy(bounded, new ListChooser(best));
  const decisions = final.result.decisions.toArray();
  return { property, before, after: decisions.length, nonZeroBefore, nonZeroAfter: decisions.filter((d) => d.choice !== 0).length, runs: runs + 1, decisions, report: final.report };
}

/** The list chooser that reproduces the spec's own run (its recorded decisions). */
function makeListFromSpec(spec: CaseSpec): ListChooser {
  if (spec.strategy.kind === 'decisions') return new ListChooser(spec.strategy.decisions.map((d) => d.choice));
  // Seeded strategies: record their decisions once, then drive the same run from the list.
  return new ListChooser(recordedChoices(spec));
}

function recordedChoices(spec: CaseSpec): number[] {
  return runWithStrategy(spec, makeStrategy(spec.strategy)).result.decisions.toArray().map((d) => d.choice);
}

function endedByBudget(r: CaseReport): boolean {
  return r.outcome === 'step-budget' || r.outcome === 'time-budget' || r.outcome === 'resource-budget';
}
