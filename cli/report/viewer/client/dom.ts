/**
 * Small DOM and formatting helpers of the viewer.
 */

/** Escapes text for HTML and SVG markup. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The element with `id`, which the page must have. */
export function byId<T extends HTMLElement | SVGElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`viewer: no element #${id}`);
  return e as unknown as T;
}

/** Virtual µs as seconds, with as many decimals as `precisionUs` needs. */
export function secs(us: number, precisionUs = 1000): string {
  const decimals = precisionUs >= 1_000_000 ? 0 : precisionUs >= 100_000 ? 1 : precisionUs >= 10_000 ? 2 : precisionUs >= 1000 ? 3 : 6;
  return `${(us / 1_000_000).toFixed(decimals)}s`;
}

/** An integer with thousands separators. */
export function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** The first index in sorted `xs` whose value is >= `v`. */
export function lowerBound(xs: ArrayLike<number>, v: number, lo = 0, hi = xs.length): number {
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if ((xs[m] as number) < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** The first index in sorted `xs` whose value is > `v`. */
export function upperBound(xs: ArrayLike<number>, v: number, lo = 0, hi = xs.length): number {
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if ((xs[m] as number) <= v) lo = m + 1;
    else hi = m;
  }
  return lo;
}
