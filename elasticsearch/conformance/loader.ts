/**
 * Reading one YAML REST test file: a stream of single-key documents, split into setup,
 * teardown and test sections. Anything that is not that shape is a one-line problem, never
 * a thrown error: a YAML syntax error, an alias bomb (alias expansion is capped), a
 * document that is not a mapping, a setup or teardown that is not a list. A section whose
 * value is not a list of steps is kept with its problem, so it fails rather than passing
 * with nothing checked.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One step of a test: a single-key mapping such as `{do: {...}}` or `{match: {...}}`. */
export type Step = Record<string, unknown>;

/** One test section; `error` says why it cannot run (it then fails). */
export interface Section {
  readonly name: string;
  readonly steps: Step[];
  readonly error?: string;
}

/** One YAML test file, split into setup, teardown and test sections. */
export interface TestFile {
  /** Path relative to the corpus root, with `/` separators. */
  file: string;
  /** Steps run before each section. */
  setup: Step[];
  /** Steps run after each section. */
  teardown: Step[];
  /** Test sections in file order. */
  sections: Section[];
  /** A problem with the whole file (one line); its sections are not run. */
  error?: string;
}

/** Alias expansions allowed per document (the `yaml` package's guard against alias bombs). */
export const MAX_ALIAS_COUNT = 100;

/** The first line of a message (the `yaml` package appends a code frame). */
function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `a ${typeof v}`;
}

/** Why `steps` is not a usable list of steps, or undefined. */
function stepsProblem(steps: unknown): string | undefined {
  if (!Array.isArray(steps)) return `not a list of steps (it is ${kindOf(steps)})`;
  if (steps.length === 0) return 'no steps';
  const bad = steps.findIndex((s) => typeof s !== 'object' || s === null || Array.isArray(s) || Object.keys(s).length !== 1);
  return bad < 0 ? undefined : `step ${bad + 1} is not a single-key mapping (it is ${kindOf(steps[bad])})`;
}

/** Parses one YAML REST test file; problems are returned in `error`, never thrown. */
export function parseTestFile(root: string, path: string): TestFile {
  const file = relative(root, path).split('\\').join('/');
  const result: TestFile = { file, setup: [], teardown: [], sections: [] };
  const fail = (error: string): TestFile => ({ ...result, sections: [], error });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(`cannot read file (${typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e)})`);
  }
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text);
  } catch (e) {
    return fail(`YAML error: ${firstLine(e instanceof Error ? e.message : String(e))}`);
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) return fail(`YAML error: ${firstLine(doc.errors[0]!.message)}`);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const m = firstLine(e instanceof Error ? e.message : String(e));
      return fail(`YAML error: ${m}${/alias/i.test(m) ? ` (more than ${MAX_ALIAS_COUNT} alias expansions)` : ''}`);
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) return fail(`a document is not a mapping (it is ${kindOf(value)})`);
    for (const [name, steps] of Object.entries(value as Record<string, unknown>)) {
      const problem = stepsProblem(steps);
      if ((name === 'setup' || name === 'teardown') && problem !== undefined) return fail(`${name} is ${problem.startsWith('not') ? problem : `invalid: ${problem}`}`);
      if (name === 'setup') result.setup = steps as Step[];
      else if (name === 'teardown') result.teardown = steps as Step[];
      else result.sections.push(problem === undefined ? { name, steps: steps as Step[] } : { name, steps: [], error: `section is ${problem.startsWith('not') ? problem : `invalid: ${problem}`}` });
    }
  }
  return result;
}
