/**
 * The text timeline of a trace document: one line per event (virtual time, kernel step,
 * `*` on resource transitions, task, what it did), optionally filtered; a swarm run's
 * switches first.
 */
import { formatTime } from '../../sim/time.ts';
import { describeEvent, namesOf } from './trace-describe.ts';
import type { DocEvent, TraceDoc } from './trace-doc-types.ts';
import { filterEvents, type TraceFilter } from './trace-filter.ts';
import { switchLines } from './switches.ts';

/** Renders the document's events (all, or those `filter` keeps) as text lines. */
export function textTrace(doc: TraceDoc, filter: TraceFilter | null = null): string {
  const names = namesOf(doc);
  const events: readonly DocEvent[] = filter === null ? doc.events : filterEvents(doc, filter);
  // Swarm switches are decisions taken before the first step: they head the timeline.
  const lines: string[] = doc.header.switches === undefined ? [] : switchLines(doc.header.switches).map((l) => `${formatTime(0).padStart(11)} ${'0'.padStart(7)}   ${'swarm (pre-run)'.padEnd(22)} ${l}`);
  for (const e of events) {
    const mark = e.res !== undefined ? '*' : ' ';
    lines.push(`${formatTime(e.t).padStart(11)} ${String(e.step).padStart(7)} ${mark} ${names.taskName(e.task).padEnd(22)} ${describeEvent(e, names)}`);
  }
  return lines.join('\n');
}
