/**
 * Severity classes (DESIGN §10, a contract): every property belongs to one, and reports
 * lead with the most severe. Each class says what a finding of it costs in a Go program.
 */

/** The classes, most severe first. */
export const SEVERITIES = ['crash', 'memory-corruption', 'data-race', 'liveness', 'wrong-answer', 'pool-accounting'] as const;

/** A severity class. */
export type Severity = (typeof SEVERITIES)[number];

/** What a finding of each class costs in Go, in one line (shown in reports and `dst list`). */
export const SEVERITY_COST: Readonly<Record<Severity, string>> = {
  crash: 'the process dies (a panic or a Go fatal error): every request in flight is lost',
  'memory-corruption': 'one object has two owners (use after free, double free): wrong answers and corrupted data, silently',
  'data-race': 'unsynchronised access under the Go memory model: go test -race fails, and the compiler may reorder or tear the access',
  liveness: 'a goroutine parked forever (or a deadlock): it keeps everything it references reachable, so memory is retained until restart',
  'wrong-answer': 'a caller sees a wrong, lost or duplicated result',
  'pool-accounting': 'an object not returned to its sync.Pool: the GC reclaims it, so the cost is allocation churn, not a leak',
};

/** How reports name each class. */
export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  crash: 'crash',
  'memory-corruption': 'memory corruption',
  'data-race': 'data race',
  liveness: 'liveness and retention',
  'wrong-answer': 'wrong answers',
  'pool-accounting': 'pool accounting',
};

/** Rank of a class (0 = most severe), for sorting. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Type guard for severity names. */
export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}
