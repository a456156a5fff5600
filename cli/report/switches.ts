/**
 * Swarm switches as reports print them: one line per switch (its label and which of its
 * alternatives the seed drew), then the configuration values they changed.
 */
import type { SwarmSwitches } from '../../harness/swarm-switches.ts';

/** A value; `null` is a field the configuration left to its default. */
const show = (v: unknown) => (v === null ? '(default)' : typeof v === 'string' ? v : JSON.stringify(v));

/** `swarm.fault.reject429 = 1 (of 3)` lines, then `elasticsearch.reject429: 0 → 0.02` lines. */
export function switchLines(s: SwarmSwitches): string[] {
  return [...s.draws.map((d) => `${d.label} = ${d.choice} (of ${d.width})`), ...s.changed.map((c) => `${c.path}: ${show(c.from)} → ${show(c.to)}`)];
}

/** What a bug block says: `swarm switches (16 drawn) changed elasticsearch.reject429 0 → 0.02, ...`. */
export function switchChanges(s: SwarmSwitches): string {
  const changed = s.changed.length === 0 ? 'left the configuration as written' : `changed ${s.changed.map((c) => `${c.path} ${show(c.from)} → ${show(c.to)}`).join(', ')}`;
  return `swarm switches (${s.draws.length} drawn) ${changed}`;
}

/** One line: `swarm switches: 12 drawn; changed elasticsearch.reject429 0 → 0.02, ...`. */
export function switchSummary(s: SwarmSwitches): string {
  const changed = s.changed.length === 0 ? 'the configuration as written' : `changed ${s.changed.map((c) => `${c.path} ${show(c.from)} → ${show(c.to)}`).join(', ')}`;
  return `swarm switches: ${s.draws.length} drawn (${s.draws.map((d) => `${d.label}=${d.choice}`).join(' ')}); ${changed}`;
}
