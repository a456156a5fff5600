/**
 * The cross-variant view of `dst run --variant all`: which variant has which bug (runs
 * showing it per variant), the table a fleet-server engineer wants before a backport.
 */
import type { Bug } from '../../harness/bugs.ts';
import type { Style } from './style.ts';

/** Rows of bugs (most severe first), one column per variant, then the signature. */
export function renderMatrix(bugs: readonly Bug[], variants: readonly string[], runsPerVariant: Readonly<Record<string, number>>, st: Style): string[] {
  const widths = variants.map((v) => Math.max(v.length, 7) + 2);
  const row = (cells: readonly string[], last: string) => cells.map((c, i) => c.padStart((widths[i] as number) - 2).padEnd(widths[i] as number)).join('') + last;
  const lines = [st.bold(`bug × variant (runs showing each bug, of ${variants.map((v) => `${runsPerVariant[v] ?? 0} on ${v}`).join(', ')})`), st.bold(row(variants, 'bug'))];
  for (const b of bugs) {
    const cells = variants.map((v) => {
      const n = b.runsByVariant[v] ?? 0;
      return n === 0 ? '-' : String(n);
    });
    lines.push(row(cells, b.signature));
  }
  if (bugs.length === 0) lines.push(st.green('no bug on any variant'));
  return lines;
}
