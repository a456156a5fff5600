/**
 * "Did you mean": the known names closest to a mistyped one, by edit distance (optimal
 * string alignment: insertions, deletions, substitutions and swaps of neighbours each
 * cost 1), for unknown scenarios, variants, targets and flags.
 */

/** Edit distance between `a` and `b` (adjacent transpositions count 1). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const up = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The candidates `word` is most likely a typo of (the closest ones, at most three): within
 * an edit distance of a third of the longer name (at least 1), or starting with `word`
 * when it has at least three characters.
 */
export function closest(word: string, candidates: readonly string[]): string[] {
  if (word.length === 0 || word.length > 200) return [];
  const w = word.toLowerCase();
  const scored: Array<{ name: string; d: number }> = [];
  for (const name of new Set(candidates)) {
    const n = name.toLowerCase();
    const d = n.startsWith(w) && w.length >= 3 ? 0.5 : editDistance(w, n);
    if (d <= Math.max(1, Math.floor(Math.max(w.length, n.length) / 3))) scored.push({ name, d });
  }
  const best = Math.min(...scored.map((s) => s.d));
  return scored.filter((s) => s.d === best).sort((x, y) => (x.name < y.name ? -1 : 1)).slice(0, 3).map((s) => s.name);
}

/** `; did you mean "a"?` (or `"a" or "b"`), or '' when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  if (c.length === 0) return '';
  return `; did you mean ${c.map((x) => `"${x}"`).join(' or ')}?`;
}
