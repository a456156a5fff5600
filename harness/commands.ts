/**
 * The copy-paste commands the tool prints: exactly what reproduces a case.
 */
import type { CaseSpec } from './case.ts';

/** `npx dst replay --seed N --scenario S --variant V [--strategy pct] [--swarm]`, or a file hint for decision lists. */
export function replayCommand(spec: CaseSpec): string {
  const s = spec.strategy;
  if (spec.reproFile !== undefined) return `npx dst replay ${shellQuote(spec.reproFile)}`;
  if (s.kind === 'decisions') return `npx dst replay <repro file> (save it with --save DIR)`;
  const parts = ['npx dst replay', `--seed ${s.seed}`, `--scenario ${shellQuote(spec.scenarioRef)}`, `--variant ${spec.variant}`];
  if (s.kind === 'pct') parts.push('--strategy pct');
  if (spec.swarm) parts.push('--swarm');
  return parts.join(' ');
}

/** Quotes a word for a POSIX shell when it needs it (spaces, quotes, `$`...). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
