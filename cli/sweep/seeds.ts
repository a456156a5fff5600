/**
 * Which seeds a sweep runs: a range (`--seeds A..B`, `--seed N`), N seeds from a start
 * picked at random (`--seeds random:N`), or, with `--budget`, seeds from the start for as
 * long as the budget lasts; and of those, the seeds of one shard (`--shard I/N`, 1-based:
 * seed index mod N = I − 1).
 */
import { randomInt } from 'node:crypto';
import { InputError } from '../../harness/input-error.ts';
import { parseSeed, parseSeeds, parseShard } from '../args.ts';
import { parseDuration } from '../budget-flags.ts';

/** The largest seed. */
export const MAX_SEED = 2 ** 31 - 1;

/** One shard of N (1-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The seeds a sweep may run, in order. */
export interface SeedSelection {
  /** First and last seed of the range (inclusive); with a budget and no range, `to` is {@link MAX_SEED}. */
  readonly from: number;
  readonly to: number;
  readonly shard: Shard | null;
  /** `--seeds random:N`: the start picked, and N. */
  readonly random: { readonly start: number; readonly count: number } | null;
  /** Set by `--budget`: the wall-clock budget of the sweep, in ms. */
  readonly budgetMs: number | null;
}

/** The raw seed flags of `dst run`. */
export interface SeedFlags {
  seeds?: string;
  seed?: string;
  shard?: string;
  budget?: string;
}

/** Where a random start comes from (real randomness, outside any simulation); tests inject one. */
export type StartSource = (maxExclusive: number) => number;

// determinism-ok: the CLI picks a start seed before any simulation exists; every run is then seeded
const realStart: StartSource = (max) => randomInt(0, max);

/** The largest N of `random:N` and of a range. */
const MAX_COUNT = 10_000_000;

/** Parses `--seeds`, `--seed`, `--shard` and `--budget` into a selection. */
export function parseSeedFlags(flags: SeedFlags, start: StartSource = realStart): SeedSelection {
  if (flags.seeds !== undefined && flags.seed !== undefined) throw new InputError('--seed and --seeds: give one of them, not both');
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : null;
  const budgetMs = flags.budget !== undefined ? parseDuration('--budget', flags.budget) : null;
  const random = flags.seeds?.startsWith('random:') ? parseRandom(flags.seeds) : null;
  if (random !== null && shard !== null) throw new InputError('--seeds random:N with --shard: every shard would pick its own start; pick one start for all shards and give --seeds A..B');
  let from: number;
  let to: number;
  if (random !== null) {
    from = start(MAX_SEED - random + 2);
    to = from + random - 1;
  } else if (flags.seed !== undefined) {
    from = to = parseSeed(flags.seed);
  } else if (flags.seeds !== undefined) {
    ({ from, to } = parseSeeds(flags.seeds));
  } else {
    from = 0;
    to = budgetMs !== null ? MAX_SEED : 199;
  }
  const sel: SeedSelection = { from, to, shard, random: random !== null ? { start: from, count: random } : null, budgetMs };
  if (shard !== null && shardSize(sel) === 0) {
    const n = to - from + 1;
    throw new InputError(`--shard: ${shard.index}/${shard.count} selects no seed of ${from}..${to} (${n} seed${n === 1 ? '' : 's'}); use at most ${n} shards`);
  }
  return sel;
}

function parseRandom(s: string): number {
  const m = /^random:(\d+)$/.exec(s);
  const n = m === null ? Number.NaN : Number(m[1]);
  if (!Number.isInteger(n) || n < 1 || n > MAX_COUNT) throw new InputError(`--seeds: "${s}" is not random:N with 1 <= N <= ${MAX_COUNT} (e.g. random:200)`);
  return n;
}

/** How many seeds of the range this shard has. */
export function shardSize(sel: SeedSelection): number {
  const n = sel.to - sel.from + 1;
  if (sel.shard === null) return n;
  const first = sel.shard.index - 1;
  return first >= n ? 0 : Math.floor((n - 1 - first) / sel.shard.count) + 1;
}

/** The i-th seed of this shard. */
export function seedAt(sel: SeedSelection, i: number): number {
  return sel.shard === null ? sel.from + i : sel.from + sel.shard.index - 1 + i * sel.shard.count;
}

/** `A..B` of the range, as reports name it. */
export function rangeText(sel: Pick<SeedSelection, 'from' | 'to'>): string {
  return `${sel.from}..${sel.to}`;
}
