/**
 * How likely a bug is under Go's scheduler, from its smallest run: does its schedule need
 * preemptions at all, and does it need a woken receiver to run before its sender
 * continues (which Go's `runnext` slot prevents)? Each question is one re-run of the case
 * under its own strategy wrapped in a {@link ScheduleFilter}, answered at once for every
 * bug the run shows. A seeded strategy draws each stream (scheduling, workload, faults)
 * on its own, so filtering the schedule keeps the workload and the faults the seed drew;
 * a decision list is replayed by a list chooser (clamped, 0 past the end). When the
 * filtered run still shows a signature, its bug does not need those choices.
 */
import { ListChooser, ScheduleFilter, type ScheduleRule, type Strategy } from '../sim/index.ts';
import { signatureOf } from '../properties/signature.ts';
import { runWithStrategy, type CaseSpec } from './case.ts';
import { makeStrategy } from './strategy-spec.ts';

/**
 * What a bug's schedule needs. A `false` is proof (a re-run without those choices still
 * shows the bug); a `true` means the one re-run did not, which may also be because the
 * new schedule drew the workload in another order: the go-strategy pass gives the rate.
 */
export interface ScheduleNeeds {
  /** False when the bug shows without any preemption (switching only when the running task blocks). */
  readonly needsPreemption: boolean;
  /** False when the bug shows with every woken receiver waiting for its sender to block (Go's runnext rule). */
  readonly needsWakeeFirst: boolean;
}

function base(spec: CaseSpec): Strategy {
  const s = spec.strategy;
  return s.kind === 'decisions' ? new ListChooser(s.decisions.map((d) => d.choice)) : makeStrategy(s);
}

/** The signatures `spec` shows with its scheduling choices filtered by `rule` (none when it does not settle). */
export function signaturesWithout(spec: CaseSpec, rule: ScheduleRule, maxSteps: number): Set<string> {
  const r = runWithStrategy({ ...spec, maxSteps }, new ScheduleFilter(base(spec), rule)).report;
  return r.outcome === 'step-budget' ? new Set() : new Set(r.violations.map(signatureOf));
}

/**
 * What `spec`'s run (of `steps` steps) needs of its schedule for each of `signatures`
 * (bugs it shows): one run without preemptions, and one under the runnext rule if some
 * bug needs preemptions.
 */
export function scheduleNeeds(spec: CaseSpec, steps: number, signatures: readonly string[]): Map<string, ScheduleNeeds> {
  const budget = Math.max(10_000, steps * 4);
  const noPreemption = signaturesWithout(spec, 'no-preemption', budget);
  const out = new Map<string, ScheduleNeeds>();
  const rest = signatures.filter((s) => !noPreemption.has(s));
  for (const s of signatures) if (noPreemption.has(s)) out.set(s, { needsPreemption: false, needsWakeeFirst: false });
  if (rest.length === 0) return out;
  const runnext = signaturesWithout(spec, 'no-wakee-first', budget);
  for (const s of rest) out.set(s, { needsPreemption: true, needsWakeeFirst: !runnext.has(s) });
  return out;
}
