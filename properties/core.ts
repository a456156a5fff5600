/**
 * The core properties: every target gets them without writing anything. They read only
 * the kernel's result (how the run ended, which tasks were still alive), so they hold
 * for any Go-style program. `determinism` compares two runs and lives in the harness.
 */
import { describeRace, type RunResult } from '../sim/index.ts';
import type { Severity } from './severity.ts';
import type { Violation } from './violation.ts';

/** A property of the framework itself, checked on every run of every target. */
export interface CoreProperty {
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  check(result: RunResult): Violation[];
}

/** `no-panic`: no task panicked (also reports kernel assertions, which are bugs in the tool). */
export const noPanic: CoreProperty = {
  name: 'no-panic',
  description: 'any task panics or hits a Go fatal error (send on a closed channel, unlock of an unlocked mutex, ...)',
  severity: 'crash',
  check(r) {
    const o = r.outcome;
    if (o.kind !== 'panic' && o.kind !== 'kernel-assertion') return [];
    return [{ property: 'no-panic', message: o.kind === 'panic' ? o.message : `kernel assertion (a bug in the tool): ${o.message}`, evidence: { tasks: o.task ? [o.task] : [], step: o.step, time: o.time } }];
  },
};

/**
 * `data-race`: two accesses to one tracked location (a shared cell, a tracked field, a
 * map), at least one a write, that Go's happens-before does not order: what `go test
 * -race` reports. One violation per location group and pair of sites; the run is not
 * stopped by a race (as `-race` without `halt_on_error`), so every race of the run is listed.
 */
export const dataRace: CoreProperty = {
  name: 'data-race',
  description: "two accesses to one tracked location, at least one a write, are not ordered by Go's happens-before (what go test -race reports)",
  severity: 'data-race',
  check(r) {
    return r.races.map((race) => ({
      property: 'data-race',
      message: describeRace(race),
      evidence: { tasks: [race.first.task, race.second.task], step: race.second.step, time: race.second.time },
    }));
  },
};

/** `no-stuck-tasks`: nothing non-daemon alive at the end; no deadlock; budgets not hit. */
export const noStuckTasks: CoreProperty = {
  name: 'no-stuck-tasks',
  description: 'at the end of the run a non-daemon task is still blocked (a goroutine leak), every task is asleep (deadlock), or a budget ran out',
  severity: 'liveness',
  check(r) {
    const o = r.outcome;
    if (o.kind === 'step-budget' || o.kind === 'time-budget') {
      return [{ property: 'no-stuck-tasks', message: `${o.message}: the run did not settle (${r.live.length} tasks alive)`, evidence: { tasks: r.live.slice(0, 20).map((t) => `${t.lineage}: ${t.waitingOn}`), step: o.step, time: o.time } }];
    }
    if (r.live.length === 0) return [];
    const n = r.live.length;
    const head = o.kind === 'deadlock' ? `${n} goroutine${n === 1 ? '' : 's'} blocked forever with nothing left to wake ${n === 1 ? 'it' : 'them'} (all goroutines are asleep)` : `${n} goroutine${n === 1 ? '' : 's'} still blocked at the end of the run`;
    const shown = r.live.slice(0, 3).map((t) => `${t.name} waiting on ${t.waitingOn}`);
    return [
      {
        property: 'no-stuck-tasks',
        message: `${head}: ${shown.join('; ')}${n > 3 ? `; and ${n - 3} more` : ''}`,
        evidence: { tasks: r.live.slice(0, 50).map((t) => `${t.lineage}: ${t.waitingOn}`), step: o.step, time: o.time },
      },
    ];
  },
};

/** The determinism property's name and description (checked by the harness, which runs a case twice). */
export const DETERMINISM = {
  name: 'determinism',
  description: 'the same case gives two trace hashes (with --check-determinism), or simulated code reached for real time, randomness or the host event loop, or a replay diverged',
} as const;

/** The core properties checked on every run, most severe first. */
export const CORE_PROPERTIES: readonly CoreProperty[] = [noPanic, dataRace, noStuckTasks];

/** Findings of the run's outcome alone: a nondeterminism leak or a replay divergence (a `determinism` violation). */
export function outcomeViolations(r: RunResult): Violation[] {
  const o = r.outcome;
  if (o.kind === 'nondeterminism' || o.kind === 'replay-divergence') {
    return [{ property: DETERMINISM.name, message: o.message, evidence: { tasks: o.task ? [o.task] : [], step: o.step, time: o.time } }];
  }
  return [];
}
