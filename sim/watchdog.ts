/**
 * A check of the host's resources (heap, wall clock) that the kernel consults every few
 * loop iterations, injected by the harness. It is outside determinism by design: it reads
 * only the host and never the simulation, and it changes nothing unless it trips, when
 * it ends the run with outcome `resource-budget` (a limit of the tool, not a finding).
 * A run that stays within budget has the same trace, decisions and hash with or without
 * it.
 */

/** The injected check. */
export interface Watchdog {
  /** Loop iterations between two checks (a positive integer). */
  readonly every: number;
  /** Null while within budget, else one line saying which budget ran out. */
  check(): string | null;
}
