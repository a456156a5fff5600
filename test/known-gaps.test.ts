/**
 * The README's "Known gaps" section lists exactly the entries of KNOWN_GAPS.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_GAPS } from './known-gaps.ts';

describe('known gaps', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Known gaps'));
  it.each(KNOWN_GAPS.map((g) => [g.id, g] as const))('%s is in the README', (_id, g) => {
    expect(section).toContain(`\`${g.id}\``);
    expect(section).toContain(g.why);
  });
  it('ids are unique', () => expect(new Set(KNOWN_GAPS.map((g) => g.id)).size).toBe(KNOWN_GAPS.length));
});
