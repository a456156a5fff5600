/**
 * What an exploration adds to the shared progress report ({@link Progress}): classes,
 * redundant runs and the last run's depth, after the schedules and rate it counts itself.
 */
import type { ExploreProgress } from '../../sim/index.ts';
import { Progress } from '../report/progress.ts';
import type { Io } from '../io.ts';

/** `20 classes, 4 redundant, depth 17` (without reduction classes are not counted: only the depth). */
export function exploreDetail(p: ExploreProgress): string {
  const reduced = p.classes > 0 || p.redundant > 0 ? `${p.classes.toLocaleString('en-US')} classes, ${p.redundant.toLocaleString('en-US')} redundant, ` : '';
  return `${reduced}depth ${p.depth}`;
}

/** The progress report of an exploration of at most `max` schedules: a line every 5 s off a terminal, a bar on one. */
export function exploreProgress(io: Io, max: number, quiet: boolean, now?: () => number): { tick(p: ExploreProgress): void; finish(): void } {
  const progress = new Progress({ label: 'dst explore', noun: 'schedule', total: max, totalIsBound: true, out: io.stderr, quiet, everyMs: 5_000, ...(now !== undefined && { now }) });
  return { tick: (p) => progress.tick(1, undefined, exploreDetail(p)), finish: () => progress.finish() };
}
