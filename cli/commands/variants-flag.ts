/**
 * `--variant V`, `--variant a,b` or `--variant all`: the variants `dst run` sweeps.
 */
import { resolveVariant } from '../../harness/configuration.ts';
import { InputError } from '../../harness/input-error.ts';
import type { AnyTarget } from '../../harness/target.ts';

/** The canonical names of the variants to run, in the order given (`all`: the target's order). */
export function parseVariants(t: AnyTarget, flag: string | undefined): string[] {
  if (flag === undefined) return [resolveVariant(t, undefined)];
  if (flag === 'all') return t.variants.map((v) => v.name);
  const names = flag.split(',');
  if (names.some((n) => n.length === 0)) throw new InputError(`--variant: "${flag}" has an empty name; give V, a comma list V1,V2 or all`);
  const out = names.map((n) => resolveVariant(t, n));
  const dup = out.find((v, i) => out.indexOf(v) !== i);
  if (dup !== undefined) throw new InputError(`--variant: ${dup} is given twice in "${flag}"`);
  return out;
}
