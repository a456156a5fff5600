/** One labelled decision: returns an integer in [0, width). Every random draw must go through it. */
export type Choose = (width: number, label: string) => number;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Draws one of `options` with integer weights using ONE decision of the smallest width that keeps
 * the exact probabilities (weights divided by their gcd). Zero-weight options are dropped; when a
 * single option remains, no decision is made at all (so exhaustive search pays nothing for it).
 */
export function drawWeighted<T>(options: readonly { weight: number; value: T }[], label: string, choose: Choose): T {
  const live = options.filter((o) => o.weight > 0);
  if (live.length === 0) throw new Error(`drawWeighted(${label}): no option has a positive weight`);
  if (live.length === 1) return live[0]!.value;
  const g = live.reduce((acc, o) => gcd(acc, o.weight), 0);
  const width = live.reduce((s, o) => s + o.weight / g, 0);
  const r = choose(width, label);
  if (!Number.isInteger(r) || r < 0 || r >= width) throw new Error(`choose(${width}, ${label}) returned ${r}, outside [0, ${width})`);
  let acc = 0;
  for (const o of live) {
    acc += o.weight / g;
    if (r < acc) return o.value;
  }
  throw new Error('unreachable');
}
