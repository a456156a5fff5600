/**
 * Numbers as reports print them.
 */

/** Bytes in B, KiB or MiB (one decimal above 1 KiB). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** An integer with thousands separators (`12,345`). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 run` / `3 runs`. */
export function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}
