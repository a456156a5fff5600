/**
 * Shrinking a failing case to a smaller one that shows the same bug (the same violation
 * signature, not only the same property), like fast-check and Hypothesis: a candidate is
 * kept only if it still shows the signature, ends on its own, has no more steps and no
 * more decisions than the best so far, and is strictly better by the cost
 * (steps, decisions, preemptions, faults, non-first choices, sum of choices), compared in
 * that order. So the result is never larger than the input.
 *
 * Candidates are re-run under a list chooser (each decision takes the next integer
 * clamped to its width; 0 past the end), so any edited list is a valid schedule. Passes,
 * repeated until nothing changes or the run budget is spent: smaller configurations
 * where the target says which may shrink ({@link Target.shrinkConfig}), cutting the tail,
 * zeroing fault decisions, removing preemptions (a scheduling decision set to the task
 * that ran last), zeroing chunks, lowering single decisions. A smaller configuration is
 * tried with its decision list, then (while nothing else changed) with the case's seed. The result is re-recorded
 * as an exact decision list, so it replays like any other repro file.
 */
import { labelById, ListChooser, NOT_SCHEDULING, ScheduleMeter, type Decision } from '../sim/index.ts';
import { signatureOf } from '../properties/signature.ts';
import { runWithStrategy, type CaseReport, type CaseSpec } from './case.ts';
import { makeStrategy } from './strategy-spec.ts';

/** The size of a case, as the shrinker compares them. */
export interface CaseSize {
  readonly steps: number;
  readonly decisions: number;
  /** Switches away from a task that could still run. */
  readonly preemptions: number;
  /** Fault decisions that are not the first alternative (an injected fault). */
  readonly faults: number;
  /** Decisions that are not the first alternative. */
  readonly nonZero: number;
  readonly sum: number;
}

/** Progress of a shrink, reported as it goes. */
export interface ShrinkProgress {
  readonly runs: number;
  readonly maxRuns: number;
  readonly pass: string;
  readonly best: CaseSize;
}

/** Options of {@link shrinkCase}. */
export interface ShrinkOptions {
  /** Runs allowed, the first (the input itself) included (default 400). */
  readonly maxRuns?: number;
  /** The signature to keep (default: the input's first, most severe one). */
  readonly signature?: string;
  /** Called after every kept candidate and every 25 runs. */
  readonly onProgress?: (p: ShrinkProgress) => void;
}

/** What shrinking achieved. */
export interface ShrinkResult {
  readonly property: string;
  readonly signature: string;
  readonly before: CaseSize;
  readonly after: CaseSize;
  /** Runs spent (never more than the budget). */
  readonly runs: number;
  /** The shrunk case's configuration, and whether it differs from the input's. */
  readonly config: unknown;
  readonly configChanged: boolean;
  /** The shrunk case's exact decision list and report. */
  readonly decisions: readonly Decision[];
  readonly report: CaseReport;
}

/** A candidate that ran: its configuration, recorded choices and measures. */
interface Candidate {
  readonly config: unknown;
  readonly values: number[];
  /** For each decision, the index of the task that ran last if still runnable, or NOT_SCHEDULING / -1. */
  readonly currents: readonly number[];
  /** Which decisions are fault decisions. */
  readonly fault: readonly boolean[];
  readonly size: CaseSize;
  readonly decisions: readonly Decision[];
  readonly report: CaseReport;
}

/** Lexicographic comparison of sizes: negative when `a` is smaller. */
export function compareSize(a: CaseSize, b: CaseSize): number {
  return a.steps - b.steps || a.decisions - b.decisions || a.preemptions - b.preemptions || a.faults - b.faults || a.nonZero - b.nonZero || a.sum - b.sum;
}

/** Shrinks `spec`, which must fail; keeps its first signature (or `opts.signature`). */
export function shrinkCase(spec: CaseSpec, opts: ShrinkOptions = {}): ShrinkResult {
  const maxRuns = Math.max(1, opts.maxRuns ?? 400);
  const inputMeter = new ScheduleMeter(makeStrategy(spec.strategy));
  const input = measure(spec.config, runWithStrategy(spec, inputMeter), inputMeter);
  const signature = opts.signature ?? (input.report.violations[0] !== undefined ? signatureOf(input.report.violations[0]) : null);
  if (input.report.limit !== null) throw new Error(`a budget of dst stopped the run: ${input.report.limit}`);
  if (signature === null) throw new Error('the case passes; there is nothing to shrink');
  if (!input.report.violations.some((v) => signatureOf(v) === signature)) throw new Error(`the case does not show ${signature}`);
  const shared = { spec, signature, maxRuns, ...(opts.onProgress !== undefined && { onProgress: opts.onProgress }) };
  // Greedy shrinking depends on its path: a seeded case is shrunk twice, keeping the
  // smaller result: once editing only its decision list, once also re-running smaller
  // configurations with its seed (which keeps per-stream draws where the list does not).
  let runs = 1;
  let best = input;
  const paths = spec.strategy.kind === 'decisions' || spec.target.target.shrinkConfig === undefined ? [false] : [false, true];
  for (const [i, useSeed] of paths.entries()) {
    const budget = i === paths.length - 1 ? maxRuns : Math.max(runs, Math.floor(maxRuns / 2));
    const r = search({ ...shared, input, runs, budget, useSeed });
    runs = r.runs;
    if (compareSize(r.best.size, best.size) < 0) best = r.best;
  }
  opts.onProgress?.({ runs, maxRuns, pass: 'done', best: best.size });
  return {
    property: best.report.violations.find((v) => signatureOf(v) === signature)?.property ?? input.report.property ?? '',
    signature,
    before: input.size,
    after: best.size,
    runs,
    config: best.config,
    configChanged: best.config !== spec.config,
    decisions: best.decisions,
    report: best.report,
  };
}

/** One greedy shrink from `input`, spending runs up to `budget` (counting from `runs`). */
function search(o: {
  readonly spec: CaseSpec;
  readonly signature: string;
  readonly input: Candidate;
  readonly runs: number;
  readonly budget: number;
  readonly maxRuns: number;
  readonly useSeed: boolean;
  readonly onProgress?: (p: ShrinkProgress) => void;
}): { best: Candidate; runs: number } {
  const { spec, signature, maxRuns } = o;
  const target = spec.target.target;
  let best = o.input;
  let runs = o.runs;
  let pass = o.useSeed ? 'start (seeded)' : 'start';
  const report = () => o.onProgress?.({ runs, maxRuns, pass, best: best.size });
  // While only the configuration has changed, a candidate that fails with the list is
  // run with the case's seed too: each stream (workload, faults, scheduling) then draws
  // for the smaller world as it did for the larger one.
  let seeded = o.useSeed;
  /** Runs a candidate; returns it when it shows the signature and is smaller than the best. */
  const evaluate = (config: unknown, values: readonly number[] | 'seed'): Candidate | null => {
    if (runs >= o.budget) return null;
    runs++;
    if (runs % 25 === 0) report();
    const bounded: CaseSpec = { ...spec, config, maxSteps: best.size.steps + 1 };
    const meter = new ScheduleMeter(values === 'seed' ? makeStrategy(spec.strategy) : new ListChooser(values));
    const c = measure(config, runWithStrategy(bounded, meter), meter);
    const r = c.report;
    const ok = r.outcome !== 'step-budget' && r.outcome !== 'time-budget' && r.outcome !== 'resource-budget' && r.violations.some((v) => signatureOf(v) === signature) && c.size.steps <= best.size.steps && c.size.decisions <= best.size.decisions && compareSize(c.size, best.size) < 0;
    return ok ? c : null;
  };
  const keep = (c: Candidate, fromSeed: boolean): true => {
    best = c;
    if (!fromSeed) seeded = false;
    report();
    return true;
  };
  const tryCandidate = (config: unknown, values: readonly number[]): boolean => {
    const c = evaluate(config, values);
    return c !== null && keep(c, false);
  };
  /** A smaller configuration: with the list, else (while nothing else changed) with the seed. */
  const tryConfig = (config: unknown): boolean => {
    const byList = evaluate(config, best.values);
    if (byList !== null) return keep(byList, false);
    const bySeed = seeded ? evaluate(config, 'seed') : null;
    return bySeed !== null && keep(bySeed, true);
  };
  const budgetLeft = () => runs < o.budget;
  let changed = true;
  while (changed && budgetLeft()) {
    changed = false;
    // 0. Smaller configurations, where the target offers them.
    pass = 'configuration';
    for (let again = true; again && target.shrinkConfig !== undefined && budgetLeft(); ) {
      again = false;
      for (const cfg of target.shrinkConfig(best.config)) {
        if (!target.config.safeParse(cfg).success) continue;
        if (tryConfig(cfg)) {
          again = changed = true;
          break;
        }
      }
    }
    // 1. Cut the tail: the shortest prefix that still shows the bug.
    pass = 'tail';
    let lo = 0;
    let hi = best.values.length;
    while (lo < hi && budgetLeft()) {
      const mid = (lo + hi) >> 1;
      if (tryCandidate(best.config, best.values.slice(0, mid))) {
        hi = Math.min(mid, best.values.length);
        changed = true;
      } else lo = mid + 1;
    }
    // 2. No injected faults: all at once, then one at a time.
    pass = 'faults';
    const faultsAt = () => best.values.flatMap((v, i) => (v !== 0 && best.fault[i] ? [i] : []));
    if (faultsAt().length > 0 && tryCandidate(best.config, edit(best.values, faultsAt(), () => 0))) changed = true;
    for (const i of faultsAt()) if (budgetLeft() && best.values[i] !== 0 && best.fault[i] && tryCandidate(best.config, edit(best.values, [i], () => 0))) changed = true;
    // 3. Fewer preemptions: keep running the task that ran last, in halving chunks.
    pass = 'preemptions';
    const stay = (i: number) => {
      const cur = best.currents[i];
      return cur !== undefined && cur >= 0 ? cur : (best.values[i] as number);
    };
    if (chunks(preemptionsOf(best), (at) => tryCandidate(best.config, edit(best.values, at, stay)), budgetLeft)) changed = true;
    // 4. Zero chunks of decisions.
    pass = 'zero';
    if (chunks(nonZeroOf(best), (at) => tryCandidate(best.config, edit(best.values, at, () => 0)), budgetLeft)) changed = true;
    // 5. Lower single decisions by one.
    pass = 'lower';
    for (let i = 0; i < best.values.length && budgetLeft(); i++) {
      if ((best.values[i] as number) <= 1) continue;
      if (tryCandidate(best.config, edit(best.values, [i], (j) => (best.values[j] as number) - 1))) changed = true;
    }
  }
  return { best, runs };
}

/** Measures a finished run as a candidate. */
function measure(config: unknown, run: ReturnType<typeof runWithStrategy>, meter: ScheduleMeter | null): Candidate {
  const log = run.result.decisions;
  const values: number[] = [];
  const fault: boolean[] = [];
  let nonZero = 0;
  let faults = 0;
  let sum = 0;
  for (let i = 0; i < log.length; i++) {
    const c = log.choiceAt(i);
    const isFault = labelById(log.labelIdAt(i)).stream === 'fault';
    values.push(c);
    fault.push(isFault);
    sum += c;
    if (c !== 0) {
      nonZero++;
      if (isFault) faults++;
    }
  }
  const r = run.report;
  const currents = meter?.currents ?? [];
  return {
    config,
    values,
    currents,
    fault,
    size: { steps: r.steps, decisions: log.length, preemptions: r.schedule?.preemptions ?? 0, faults, nonZero, sum },
    decisions: log.toArray(),
    report: r,
  };
}

/** The scheduling decisions of a candidate that are preemptions (they chose another task than the one that ran last). */
function preemptionsOf(c: Candidate): number[] {
  const out: number[] = [];
  for (let i = 0; i < c.values.length; i++) {
    const cur = c.currents[i];
    if (cur !== undefined && cur !== NOT_SCHEDULING && cur >= 0 && c.values[i] !== cur) out.push(i);
  }
  return out;
}

function nonZeroOf(c: Candidate): number[] {
  return c.values.flatMap((v, i) => (v !== 0 ? [i] : []));
}

/** A copy of `values` with each index in `at` set by `to`. */
function edit(values: readonly number[], at: readonly number[], to: (i: number) => number): number[] {
  const out = values.slice();
  for (const i of at) out[i] = to(i);
  return out;
}

/**
 * Tries `apply` on chunks of `positions`, halving the chunk size (delta debugging).
 * Positions are those of the candidate when the pass began; a kept edit changes later
 * positions, which the next round recomputes. Returns whether any chunk was kept.
 */
function chunks(positions: readonly number[], apply: (at: readonly number[]) => boolean, budgetLeft: () => boolean): boolean {
  let any = false;
  for (let size = Math.max(1, positions.length >> 1); size >= 1 && budgetLeft(); size >>= 1) {
    for (let from = 0; from < positions.length && budgetLeft(); from += size) {
      if (apply(positions.slice(from, from + size))) any = true;
    }
    if (size === 1) break;
  }
  return any;
}
