/**
 * The module boundaries the layout relies on, checked on the import lines: the kernel
 * (`sim/`) imports nothing outside itself; the fake Elasticsearch (`elasticsearch/`) and
 * the engine (`engine/`) know nothing of each other, except the engine's test helpers and
 * tests, which may run the engine against the fake.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

/** The top-level folder each relative import of `file` lands in. */
function importedFolders(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/from '(\.[^']*)'/g)].map((m) => relative(ROOT, resolve(ROOT, dirname(file), m[1]!)).split(/[\\/]/)[0]!);
}

const offenders = (files: string[], forbidden: (folder: string) => boolean) => files.flatMap((f) => importedFolders(f).filter(forbidden).map((d) => `${f} imports ${d}/`));

describe('module boundaries', () => {
  it('sim/ imports nothing outside sim/', () => {
    expect(offenders(sources('sim'), (d) => d !== 'sim')).toEqual([]);
  });
  it('elasticsearch/ imports only itself and the kernel', () => {
    expect(offenders(sources('elasticsearch'), (d) => d !== 'elasticsearch' && d !== 'sim')).toEqual([]);
  });
  it('the engine itself does not import the fake Elasticsearch (only its tests and test helpers do)', () => {
    const engine = sources('engine').filter((f) => !f.endsWith('.test.ts') && !f.startsWith(join('engine', 'testing')));
    expect(offenders(engine, (d) => d === 'elasticsearch')).toEqual([]);
  });
});

describe('a domain-free kernel', () => {
  it('nothing in sim/ (tests included) names the bulk engine, Elasticsearch or fleet-server', () => {
    const words = /elasticsearch|\bbulk|\bengine\b|fleet|\bflush|\bagent|\bes\.|api.?key/i;
    const hits = sources('sim').flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => words.test(line))
        .map(({ line, i }) => `${f}:${i + 1}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });
});
