/**
 * The human report's bug blocks: one per distinct bug, most severe first, each saying
 * what its class costs in Go, how often and where it was seen, its smallest run and the
 * command that replays it. `full` bugs get a block (the first of every severity class, then
 * the most severe of the rest); the others one line each.
 */
import type { Bug } from '../../harness/bugs.ts';
import type { ScheduleNeeds } from '../../harness/likelihood.ts';
import { SEVERITY_COST, SEVERITY_LABEL } from '../../properties/severity.ts';
import { switchChanges } from './switches.ts';
import type { Style } from './style.ts';
import { formatBytes, formatCount, plural } from './units.ts';

/** What a bug adds besides its grouping: what its schedule needs, and the go-strategy pass, when they ran. */
export interface BugExtras {
  /** Whether its smallest run still shows it without preemptions, or without a woken receiver run first. */
  readonly needs?: ScheduleNeeds;
  /** Seeds of the go strategy that showed it, of how many (and with how many processors). */
  readonly go?: { readonly found: number; readonly seeds: number; readonly procs: number };
}

/** A bug with its extras. */
export type ReportedBug = Bug & BugExtras;

const TOOL_COST = 'the run proves nothing: the same case gave two answers, or the test reached outside the simulation';

/** The lines of the bug section. */
export function renderBugs(bugs: readonly ReportedBug[], failedRuns: number, st: Style, full = 15): string[] {
  if (bugs.length === 0) return [];
  const lines = [st.bold(`${plural(bugs.length, 'distinct bug')} in ${plural(failedRuns, 'failing run')}, most severe first:`), ''];
  const shown = blockedBugs(bugs, full);
  for (const b of bugs) if (shown.has(b)) lines.push(...renderBug(b, st), '');
  const rest = bugs.filter((b) => !shown.has(b));
  if (rest.length > 0) {
    lines.push(st.dim(`${plural(rest.length, 'more bug')} (--json lists every one with its replay):`));
    for (const b of rest) lines.push(`  ${st.red('✗')} ${b.signature} ${st.dim(`[${label(b)}; ${plural(b.runs, 'run')}]`)}`);
    lines.push('');
  }
  return lines;
}

/**
 * Which bugs get a full block: the first of each severity class (so forty data races do not
 * push the only pool-accounting bug off the screen), then the most severe of the rest, `full` in all.
 */
function blockedBugs(bugs: readonly ReportedBug[], full: number): Set<ReportedBug> {
  const shown = new Set<ReportedBug>();
  const classes = new Set<string>();
  for (const b of bugs) {
    if (shown.size >= full) break;
    if (!classes.has(b.severity)) {
      classes.add(b.severity);
      shown.add(b);
    }
  }
  for (const b of bugs) {
    if (shown.size >= full) break;
    shown.add(b);
  }
  return shown;
}

function label(b: Bug): string {
  return b.severity === 'determinism' ? 'determinism' : SEVERITY_LABEL[b.severity];
}

/** One bug's block. */
export function renderBug(b: ReportedBug, st: Style): string[] {
  const cost = b.severity === 'determinism' ? TOOL_COST : SEVERITY_COST[b.severity];
  const s = b.smallest;
  const where = `${b.variants.join(', ')} (${b.scenarios.join(', ')})`;
  const first = `first ${b.firstSeed === null ? 'a decision list' : `seed ${b.firstSeed}`}`;
  const lines = [
    `${st.red('✗')} ${st.bold(b.signature)}`,
    `    ${st.yellow(label(b))}: in Go, ${cost}`,
    `    ${plural(b.runs, 'run')} on ${where}, ${first}; smallest: ${s.scenario} on ${s.variant}${s.seed === null ? '' : ` seed ${s.seed}`}, ${formatCount(s.steps)} steps, ${formatCount(s.decisions)} decisions`,
  ];
  const r = s.retained;
  if (b.severity === 'liveness' && (r.finalParkedTasks > 0 || r.finalRetained > 0)) {
    lines.push(`    retains at the end: ${plural(r.finalRetained, r.noun)} (${formatBytes(r.finalRetainedBytes)}) held by ${plural(r.finalParkedTasks, 'parked task')}`);
  }
  const likely = likelihood(b);
  if (likely !== null) lines.push(`    how likely in Go: ${likely}`);
  if (s.switches !== undefined) lines.push(`    ${st.dim(`smallest run's ${switchChanges(s.switches)} (replay --swarm --trace text lists each draw)`)}`);
  lines.push(`    ${b.message}`);
  const c = b.consequences;
  if (c.length > 0) {
    const byClass = new Map<string, number>();
    for (const x of c) byClass.set(x.severity === 'determinism' ? 'determinism' : SEVERITY_LABEL[x.severity], (byClass.get(x.severity === 'determinism' ? 'determinism' : SEVERITY_LABEL[x.severity]) ?? 0) + 1);
    const summary = [...byClass].map(([k, n]) => `${n} ${k}`).join(', ');
    lines.push(`    ${st.dim(`seen only in runs that show this bug too (the same root cause, or its consequences): ${plural(c.length, 'more signature')} (${summary}; --json lists them); the first to show:`)}`);
    for (const x of c.slice(0, 2)) lines.push(`      ${x.signature} ${st.dim(`[${plural(x.runs, 'run')}]`)}`);
  }
  lines.push(`    ${st.dim('replay:')} ${s.replay}`);
  return lines;
}

/** One line on how special the bug's schedule is, or null when nothing was measured. */
function likelihood(b: ReportedBug): string | null {
  const parts: string[] = [];
  const n = b.needs;
  if (n !== undefined) {
    if (!n.needsPreemption) parts.push('it shows without preemptions (every task running until it blocks)');
    else if (!n.needsWakeeFirst) parts.push("it shows under Go's runnext rule, though not without preemptions");
    else parts.push("it did not show again under Go's runnext rule (a woken receiver waits for its sender to block): likely rare in Go");
  }
  const sched = b.smallest.schedule;
  if (sched !== undefined && (n === undefined || n.needsPreemption)) parts.push(`its smallest run preempts ${formatCount(sched.preemptions)} times and runs a woken receiver before its sender ${formatCount(sched.wakeeFirst)} times`);
  const go = b.go;
  if (go !== undefined) parts.push(`found by go-like scheduling in ${go.found} of ${go.seeds} seeds (GOMAXPROCS ${go.procs})`);
  return parts.length === 0 ? null : parts.join('; ');
}
