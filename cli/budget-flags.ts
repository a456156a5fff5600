/**
 * `--max-heap-mb N` and `--max-wall DURATION`: the heap and wall-clock budgets of each
 * run, overriding the configuration's own (see harness/resource-budget.ts); durations as
 * `--budget` takes them too.
 */
import { InputError } from '../harness/input-error.ts';
import { heapLimitMb, type BudgetOverrides } from '../harness/resource-budget.ts';
import { parsePositiveInt } from './args.ts';

/** The raw budget flags of a command. */
export interface BudgetFlags {
  maxHeapMb?: string;
  maxWall?: string;
}

/** The smallest heap budget accepted: below it Node itself does not fit. */
export const MIN_HEAP_MB = 16;

/** The longest wall budget of one run: a day. */
export const MAX_WALL_MS = 86_400_000;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration: `500ms`, `90s`, `10m`, `1h`, or a number of seconds. */
export function parseDuration(flag: string, s: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s);
  if (m === null) throw new InputError(`${flag}: "${s}" is not a duration (e.g. 90s, 10m, 1h, 500ms; a bare number is seconds)`);
  const msValue = Number(m[1]) * (UNIT_MS[m[2] ?? 's'] as number);
  if (msValue < 1 || msValue > MAX_WALL_MS) throw new InputError(`${flag}: ${s} is out of range (1ms..24h)`);
  return Math.round(msValue);
}

/** Parses the budget flags; a heap budget above this process's heap limit is refused (it could never trip before V8 runs out). */
export function parseBudgetFlags(flags: BudgetFlags): BudgetOverrides {
  const limit = heapLimitMb();
  const out: { maxHeapMb?: number; maxWallMs?: number } = {};
  if (flags.maxHeapMb !== undefined) {
    const n = parsePositiveInt('--max-heap-mb', flags.maxHeapMb, 10_000_000);
    if (n < MIN_HEAP_MB) throw new InputError(`--max-heap-mb: ${n} is below ${MIN_HEAP_MB}`);
    if (n > limit) throw new InputError(`--max-heap-mb: ${n} is more than this process's heap limit of ${limit} MB (raise it with NODE_OPTIONS=--max-old-space-size=MB)`);
    out.maxHeapMb = n;
  }
  if (flags.maxWall !== undefined) out.maxWallMs = parseDuration('--max-wall', flags.maxWall);
  return out;
}
