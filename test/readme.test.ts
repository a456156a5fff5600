/**
 * Code the README shows verbatim is the code in the repository, so the README cannot go stale.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  const marks = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)];
  it('shows at least one example file', () => expect(marks.length).toBeGreaterThan(0));
  it.each(marks.map((m) => [m[1] as string, m[2] as string]))('%s is shown exactly as it is', (file, shown) => {
    expect(shown).toBe(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));
  });
});
