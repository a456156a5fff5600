/**
 * Interleaving coverage: the pairs of dependent steps a run put in one order, by site. A
 * step's site is its task's role (its name with every number replaced by `#`, so
 * `worker-3` and `worker-7` are one role) and its position among that task's steps, a
 * stand-in for a code location in programs whose tasks of one role run the same code. A
 * pair seen in both orders over a sweep was tried both ways; a pair seen in one order only
 * is an interleaving no run tried.
 */
import { KERNEL, type DependencyLog } from './dependency-log.ts';
import { orderEvents } from './event-order.ts';

/** The role of a task name. */
export function role(name: string): string {
  return name.replace(/\d+/g, '#');
}

/** The ordered pairs `earlier → later` of dependent steps of two tasks in one run (kernel events excluded). */
export function dependentPairs(log: DependencyLog, taskNames: readonly string[]): Set<string> {
  const o = orderEvents(log);
  const site = (k: number): string => `${role(taskNames[log.tasks[k] as number] ?? '?')}:${o.seq[k]}`;
  const out = new Set<string>();
  for (let j = 0; j < o.clock.length; j++) {
    if (log.tasks[j] === KERNEL) continue;
    for (const i of o.direct[j] as Int32Array) if (log.tasks[i] !== KERNEL) out.add(`${site(i)}\t${site(j)}`);
  }
  return out;
}

/** A summary of interleaving coverage. */
export interface CoverageSummary {
  /** Distinct unordered pairs of dependent sites seen. */
  readonly pairs: number;
  /** Of them, seen in one order only. */
  readonly oneOrderOnly: number;
  /** Seeds per block of {@link newPerBlock}. */
  readonly blockSize: number;
  /** New unordered pairs, or pairs newly seen in their second order, per block of seeds: the saturation curve. */
  readonly newPerBlock: readonly number[];
}

/** Accumulates pairs over runs, in blocks of seeds. */
export class InterleavingCoverage {
  /** Per unordered pair: bit 1 when seen in its sorted order, bit 2 in the other. */
  private readonly seen = new Map<string, number>();
  private readonly blocks: number[] = [];
  private inBlock = 0;
  private fresh = 0;

  constructor(readonly blockSize: number) {}

  /** Adds one run's ordered pairs. */
  add(pairs: Iterable<string>): void {
    for (const p of pairs) {
      const [a, b] = p.split('\t') as [string, string];
      const key = a <= b ? `${a}\t${b}` : `${b}\t${a}`;
      const bit = a <= b ? 1 : 2;
      const was = this.seen.get(key) ?? 0;
      if ((was & bit) === 0) {
        this.seen.set(key, was | bit);
        this.fresh++;
      }
    }
    if (++this.inBlock === this.blockSize) this.closeBlock();
  }

  private closeBlock(): void {
    this.blocks.push(this.fresh);
    this.fresh = 0;
    this.inBlock = 0;
  }

  /** The summary so far (a partial last block counts as a block). */
  summary(): CoverageSummary {
    const blocks = this.inBlock > 0 ? [...this.blocks, this.fresh] : [...this.blocks];
    let one = 0;
    for (const v of this.seen.values()) if (v !== 3) one++;
    return { pairs: this.seen.size, oneOrderOnly: one, blockSize: this.blockSize, newPerBlock: blocks };
  }
}
