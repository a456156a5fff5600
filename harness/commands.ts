/**
 * The copy-paste commands the tool prints: exactly what reproduces a case.
 */
import type { CaseSpec } from './case.ts';
import { DEFAULT_PROCS } from '../sim/index.ts';
import { DEFAULT_TARGET } from './targets.ts';

/** The `--target` words of a command for a case's target (none for the default target). */
export function targetWords(spec: Pick<CaseSpec, 'target'>): string[] {
  return spec.target.shipped && spec.target.target.name === DEFAULT_TARGET ? [] : [`--target ${shellQuote(spec.target.ref)}`];
}

/** `npx dst replay --seed N --scenario S --variant V [--target T] [--strategy pct|go [--gomaxprocs P]] [--swarm]`, or the repro file's replay. */
export function replayLine(spec: CaseSpec): string {
  const s = spec.strategy;
  const target = targetWords(spec);
  if (spec.reproFile !== undefined) return ['npx dst replay', shellQuote(spec.reproFile), ...(spec.target.shipped ? [] : target), ...racesWords(spec)].join(' ');
  if (s.kind === 'decisions') return choicesLine(spec, s.decisions.map((d) => d.choice)) ?? `npx dst replay <repro file> (save it with --save DIR)`;
  const parts = ['npx dst replay', ...target, `--seed ${s.seed}`, `--scenario ${shellQuote(spec.configRef)}`, `--variant ${spec.variant}`];
  if (s.kind === 'pct') parts.push('--strategy pct');
  if (s.kind === 'go') parts.push('--strategy go', ...(s.procs === DEFAULT_PROCS ? [] : [`--gomaxprocs ${s.procs}`]));
  if (spec.swarm) parts.push('--swarm');
  parts.push(...racesWords(spec));
  return parts.join(' ');
}

/** `--no-races` when the case ran without race detection: its replay then checks what it checked. */
export function racesWords(spec: Pick<CaseSpec, 'races'>): string[] {
  return spec.races === false ? ['--no-races'] : [];
}

/** The longest `--choices` replay command printed; a longer decision list needs a repro file. */
export const MAX_CHOICES_LINE = 4000;

/**
 * `npx dst replay --scenario S --variant V --choices 0,2,1` for a decision list: each
 * decision's choice in order, trailing zeros dropped (past the list every decision takes
 * its first alternative), so the command replays the case exactly with no file. Null when
 * the command would be longer than {@link MAX_CHOICES_LINE}.
 */
export function choicesLine(spec: Pick<CaseSpec, 'target' | 'configRef' | 'variant' | 'swarm' | 'races'>, choices: readonly number[]): string | null {
  let end = choices.length;
  while (end > 0 && choices[end - 1] === 0) end--;
  const list = end === 0 ? '0' : choices.slice(0, end).join(',');
  const line = ['npx dst replay', ...targetWords(spec), `--scenario ${shellQuote(spec.configRef)}`, `--variant ${spec.variant}`, ...(spec.swarm ? ['--swarm'] : []), `--choices ${list}`, ...racesWords(spec)].join(' ');
  return line.length > MAX_CHOICES_LINE ? null : line;
}

/** Quotes a word for a POSIX shell when it needs it (spaces, quotes, `$`...). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** The start of a saved repro file's name: the target's name for any target but the default. */
export function filePrefix(targetName: string): string {
  return targetName === DEFAULT_TARGET ? '' : `${targetName.replace(/[^a-z0-9._-]/g, '_')}-`;
}
