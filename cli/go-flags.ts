/**
 * The go strategy's flags: `--gomaxprocs N` (only with `--strategy go` or `--go-seeds`)
 * and `--go-seeds N`.
 */
import { InputError } from '../harness/input-error.ts';
import { DEFAULT_PROCS } from '../sim/index.ts';
import { parsePositiveInt } from './args.ts';

/** Most processors the go strategy models. */
export const MAX_PROCS = 256;

/** `--gomaxprocs N` (1..256), default 2; an error unless the go strategy runs. */
export function parseGomaxprocs(flag: string | undefined, strategy: string, goSeeds = 0): number {
  if (flag === undefined) return DEFAULT_PROCS;
  if (strategy !== 'go' && goSeeds === 0) throw new InputError('--gomaxprocs: applies to the go strategy; give --strategy go (or --go-seeds N)');
  return parsePositiveInt('--gomaxprocs', flag, MAX_PROCS);
}

/** `--go-seeds N` (0..10,000), default 0: no go-strategy pass. */
export function parseGoSeeds(flag: string | undefined): number {
  return flag === undefined ? 0 : parsePositiveInt('--go-seeds', flag, 10_000, true);
}
