/**
 * The properties a target's runs are checked against: the core properties every target
 * gets, then its own, ordered by severity (stable within a class), so the first
 * violation of a run is its most severe.
 */
import { CORE_PROPERTIES, DETERMINISM } from '../properties/core.ts';
import { severityRank, type Severity } from '../properties/severity.ts';
import type { Violation } from '../properties/violation.ts';
import type { AnyTarget, FinishedRun } from './target.ts';

/** A property as the harness runs it. */
export interface CheckedProperty {
  readonly name: string;
  readonly description: string;
  /** Severity class; `determinism` has none (a nondeterministic run proves nothing, so it always leads). */
  readonly severity: Severity | null;
  /** Whether the framework provides it (true) or the target does. */
  readonly core: boolean;
  /** The violations of a run (absent for `determinism`, which compares two runs). */
  readonly check?: (run: FinishedRun<unknown, unknown>) => Violation[];
}

const cache = new WeakMap<AnyTarget, readonly CheckedProperty[]>();

/** Every property of `t`: `determinism` first, then by severity, core before the target's own within a class. */
export function propertiesOf(t: AnyTarget): readonly CheckedProperty[] {
  let ps = cache.get(t);
  if (ps !== undefined) return ps;
  const all: CheckedProperty[] = [
    ...CORE_PROPERTIES.map((p) => ({ name: p.name, description: p.description, severity: p.severity, core: true, check: (run: FinishedRun<unknown, unknown>) => p.check(run.result) })),
    ...t.properties.map((p) => ({ name: p.name, description: p.description, severity: p.severity, core: false, check: (run: FinishedRun<unknown, unknown>) => p.check(run) })),
  ];
  const ranked = all.map((p, i) => ({ p, i })).sort((a, b) => severityRank(a.p.severity as Severity) - severityRank(b.p.severity as Severity) || a.i - b.i).map((x) => x.p);
  ps = [{ name: DETERMINISM.name, description: DETERMINISM.description, severity: null, core: true }, ...ranked];
  cache.set(t, ps);
  return ps;
}

/** The names of `t`'s properties, in report order. */
export function propertyNames(t: AnyTarget): string[] {
  return propertiesOf(t).map((p) => p.name);
}

/** Checks every property of `t` on a finished run; violations most severe first. */
export function checkRun(t: AnyTarget, run: FinishedRun<unknown, unknown>): Violation[] {
  const out: Violation[] = [];
  for (const p of propertiesOf(t)) if (p.check !== undefined) out.push(...p.check(run));
  return out;
}
