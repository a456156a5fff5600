/**
 * The core properties: every target gets them without writing anything. They read only
 * the kernel's result (how the run ended, which tasks were still alive), so they hold
 * for any Go-style program. `determinism` compares two runs and lives in the harness.
 */
import { describeRace, type DataRace, type RunResult } from '../sim/index.ts';
import type { Severity } from './severity.ts';
import { normaliseIds, signature } from './signature.ts';
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
    const message = o.kind === 'panic' ? o.message : `kernel assertion (a bug in the tool): ${o.message}`;
    // The panic's kind is its message with ids normalised (`blk*.ch`, `flush-*-search`).
    return [{ property: 'no-panic', message, signature: signature('no-panic', normaliseIds(message)), evidence: { tasks: o.task ? [o.task] : [], step: o.step, time: o.time } }];
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
      signature: raceSignature(race),
      evidence: { tasks: [race.first.task, race.second.task], step: race.second.step, time: race.second.time },
    }));
  },
};

/**
 * A race's signature: its location group and its two sides' access sites, unordered
 * (what `-race` deduplicates by: the pair of code locations, not the run's ids, steps or
 * last synchronisations).
 */
export function raceSignature(race: DataRace): string {
  const side = (s: DataRace['first']) => normaliseIds(`${s.kind} at ${s.site}`);
  const [a, b] = [side(race.first), side(race.second)].sort();
  return signature('data-race', `${normaliseIds(race.group)}: ${a} / ${b}`);
}

/** The location group a {@link raceSignature} names (`data-race: <group>: <sites>`), or null for another signature. */
export function raceGroupOf(sig: string): string | null {
  const head = 'data-race: ';
  if (!sig.startsWith(head)) return null;
  const end = sig.indexOf(': ', head.length);
  return end < 0 ? null : sig.slice(head.length, end);
}

/** `no-stuck-tasks`: nothing non-daemon alive at the end; no deadlock; budgets not hit. */
export const noStuckTasks: CoreProperty = {
  name: 'no-stuck-tasks',
  description: 'at the end of the run a non-daemon task is still blocked (a goroutine leak), every task is asleep (deadlock), or a budget ran out',
  severity: 'liveness',
  check(r) {
    const o = r.outcome;
    if (o.kind === 'step-budget' || o.kind === 'time-budget') {
      return [{ property: 'no-stuck-tasks', message: `${o.message}: the run did not settle (${r.live.length} tasks alive)`, signature: signature('no-stuck-tasks', o.kind === 'step-budget' ? 'step budget reached' : 'virtual-time budget reached'), evidence: { tasks: r.live.slice(0, 20).map((t) => `${t.lineage}: ${t.waitingOn}`), step: o.step, time: o.time } }];
    }
    // A run that crashed never reached its end: its live tasks are the crash's, not stuck.
    if (r.live.length === 0 || o.kind === 'panic' || o.kind === 'kernel-assertion' || o.kind === 'nondeterminism' || o.kind === 'replay-divergence') return [];
    const n = r.live.length;
    const head = o.kind === 'deadlock' ? `${n} goroutine${n === 1 ? '' : 's'} blocked forever with nothing left to wake ${n === 1 ? 'it' : 'them'} (all goroutines are asleep)` : `${n} goroutine${n === 1 ? '' : 's'} still blocked at the end of the run`;
    const shown = r.live.slice(0, 3).map((t) => `${t.name} waiting on ${t.waitingOn}`);
    return [
      {
        property: 'no-stuck-tasks',
        message: `${head}: ${shown.join('; ')}${n > 3 ? `; and ${n - 3} more` : ''}`,
        signature: stuckSignature(r, o.kind === 'deadlock'),
        evidence: { tasks: r.live.slice(0, 50).map((t) => `${t.lineage}: ${t.waitingOn}`), step: o.step, time: o.time },
      },
    ];
  },
};

/**
 * A stuck run's signature: its distinct blocking sites (task and what it waits on, ids
 * normalised: `worker-* send on result-*`), sorted, the first three (`and more` when
 * there are others, without their count, which varies from seed to seed); a deadlock says so.
 */
function stuckSignature(r: RunResult, deadlock: boolean): string {
  const sites = [...new Set(r.live.map((t) => `${normaliseIds(t.name)} ${normaliseIds(t.waitingOn)}`))].sort();
  const shown = sites.slice(0, 3).join('; ') + (sites.length > 3 ? '; and more' : '');
  return signature('no-stuck-tasks', `${deadlock ? 'deadlock: ' : ''}${shown}`);
}

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
    const detail = o.kind === 'replay-divergence' ? 'replay diverged' : normaliseIds(o.message);
    return [{ property: DETERMINISM.name, message: o.message, signature: signature(DETERMINISM.name, detail), evidence: { tasks: o.task ? [o.task] : [], step: o.step, time: o.time } }];
  }
  return [];
}
