/**
 * Parsing and validating flag values. Every failure is an {@link InputError} whose
 * message names the flag and what it allows.
 */
import { VARIANTS, type VariantName } from '../engine/index.ts';
import { InputError } from '../harness/input-error.ts';

/** An inclusive range of seeds. */
export interface SeedRange {
  readonly from: number;
  readonly to: number;
}

const MAX_SEED = 2 ** 31 - 1;

function seedNumber(flag: string, s: string): number {
  if (!/^\d+$/.test(s)) throw new InputError(`${flag}: "${s}" is not a non-negative integer`);
  const n = Number(s);
  if (n > MAX_SEED) throw new InputError(`${flag}: ${s} is larger than ${MAX_SEED}`);
  return n;
}

/** `--seeds A..B` (inclusive; A ≤ B) or a single number. */
export function parseSeeds(s: string): SeedRange {
  const m = /^(\d+)\.\.(\d+)$/.exec(s);
  if (m === null) {
    if (/^\d+$/.test(s)) {
      const n = seedNumber('--seeds', s);
      return { from: n, to: n };
    }
    throw new InputError(`--seeds: "${s}" is not a range A..B of non-negative integers (e.g. 0..199)`);
  }
  const from = seedNumber('--seeds', m[1] as string);
  const to = seedNumber('--seeds', m[2] as string);
  if (from > to) throw new InputError(`--seeds: ${s} is empty: A must not exceed B in A..B`);
  if (to - from >= 10_000_000) throw new InputError(`--seeds: ${s} has more than 10,000,000 seeds`);
  return { from, to };
}

/** `--seed N`. */
export function parseSeed(s: string): number {
  return seedNumber('--seed', s);
}

/** The most shards `--shard I/N` takes. */
export const MAX_SHARDS = 10_000;

/** `--shard I/N` with 1 ≤ I ≤ N (1-based, as vitest's). */
export function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (m === null) throw new InputError(`--shard: "${s}" is not I/N (e.g. 2/4)`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) throw new InputError(`--shard: ${s} needs 1 <= N <= ${MAX_SHARDS}`);
  if (index === 0) throw new InputError(`--shard: ${s}: I counts from 1 (1..${count}, as vitest's --shard); a Kubernetes Indexed Job's 0-based JOB_COMPLETION_INDEX is --shard $((JOB_COMPLETION_INDEX + 1))/${count}`);
  if (index > count) throw new InputError(`--shard: ${s} needs 1 <= I <= N`);
  return { index, count };
}

/** A positive integer flag such as `--workers`, `--bound`, `--max-schedules`. */
export function parsePositiveInt(flag: string, s: string, max: number, allowZero = false): number {
  if (!/^\d+$/.test(s)) throw new InputError(`${flag}: "${s}" is not a ${allowZero ? 'non-negative' : 'positive'} integer`);
  const n = Number(s);
  if ((!allowZero && n < 1) || n > max) throw new InputError(`${flag}: ${s} is out of range (${allowZero ? 0 : 1}..${max})`);
  return n;
}

/** `--variant V`. */
export function parseVariant(s: string): VariantName {
  const names = Object.keys(VARIANTS);
  if (!names.includes(s)) throw new InputError(`--variant: unknown variant "${s}" (allowed: ${names.join(', ')})`);
  return s as VariantName;
}

/** One of a fixed set of words. */
export function parseChoice<T extends string>(flag: string, s: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(s)) throw new InputError(`${flag}: "${s}" is not allowed (allowed: ${allowed.join(', ')})`);
  return s as T;
}

/** The seeds of a range that belong to shard I of N (seed index mod N = I − 1). */
export function shardSeeds(r: SeedRange, shard: { index: number; count: number } | null): number[] {
  const out: number[] = [];
  for (let s = r.from; s <= r.to; s++) if (shard === null || (s - r.from) % shard.count === shard.index - 1) out.push(s);
  return out;
}
