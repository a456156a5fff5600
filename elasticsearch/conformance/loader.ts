/**
 * Reading the YAML test corpus: listing test files and splitting each into setup, teardown
 * and test sections.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One step of a test: a single-key mapping such as `{do: {...}}` or `{match: {...}}`. */
export type Step = Record<string, unknown>;

/** One YAML test file, split into setup, teardown and test sections. */
export interface TestFile {
  /** Path relative to the corpus root, with `/` separators. */
  file: string;
  /** Steps run before each section. */
  setup: Step[];
  /** Steps run after each section. */
  teardown: Step[];
  /** Test sections in file order. */
  sections: { name: string; steps: Step[] }[];
  /** A parse problem, when the file could not be read as a test file. */
  error?: string;
}

/** All `*.yml` / `*.yaml` files under `dir`, sorted for determinism. */
export function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Parses one YAML REST test file (a stream of single-key documents). */
export function parseTestFile(root: string, path: string): TestFile {
  const file = relative(root, path).split('\\').join('/');
  const result: TestFile = { file, setup: [], teardown: [], sections: [] };
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) return { ...result, error: doc.errors[0]!.message };
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) return { ...result, error: 'document is not a mapping' };
    for (const [name, steps] of Object.entries(value as Record<string, unknown>)) {
      const list = (Array.isArray(steps) ? steps : []) as Step[];
      if (name === 'setup') result.setup = list;
      else if (name === 'teardown') result.teardown = list;
      else result.sections.push({ name, steps: list });
    }
  }
  return result;
}
