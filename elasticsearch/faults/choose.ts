/**
 * The decision interface the fault layer draws through, and weighted draws that cost one
 * decision per outcome (so exhaustive search tries each outcome once).
 */
/**
 * One labelled decision: returns an integer in [0, width). Every random draw must go
 * through it. With `weights` (one per outcome, `width` of them), outcome i is meant to
 * be drawn with probability weights[i] / sum; exhaustive search tries each outcome once.
 */
export type Choose = (width: number, label: string, weights?: readonly number[]) => number;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Draws one of `options` with integer weights using ONE weighted decision whose width is
 * the number of options with a positive weight (so exhaustive search tries each outcome
 * once, not each unit of weight). Zero-weight options are dropped; when a single option
 * remains, no decision is made at all.
 */
export function drawWeighted<T>(options: readonly { weight: number; value: T }[], label: string, choose: Choose): T {
  const live = options.filter((o) => o.weight > 0);
  if (live.length === 0) throw new Error(`drawWeighted(${label}): no option has a positive weight`);
  if (live.length === 1) return live[0]!.value;
  const g = live.reduce((acc, o) => gcd(acc, o.weight), 0);
  const weights = live.map((o) => o.weight / g);
  const r = choose(live.length, label, weights);
  if (!Number.isInteger(r) || r < 0 || r >= live.length) throw new Error(`choose(${live.length}, ${label}) returned ${r}, outside [0, ${live.length})`);
  return live[r]!.value;
}
