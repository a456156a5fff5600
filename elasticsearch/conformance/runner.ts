/**
 * Running the YAML tests against a fresh fake per section: executing steps, checking
 * assertions, and reporting passed, failed and skipped sections.
 */
import { existsSync, statSync } from 'node:fs';
import { FakeElasticsearch } from '../fake.ts';
import { buildRequest } from './api-spec.ts';
import { commentsRegex, deepMatch, isRegexLiteral, isTruthy, lengthOf, valueAt } from './assertions.ts';
import { listCorpus } from './corpus-files.ts';
import type { KnownFailure } from './known-failures.ts';
import { parseTestFile, type Section, type Step, type TestFile } from './loader.ts';
import { skipReason } from './skip.ts';
import { Stash } from './stash.ts';

/** Outcome of one test section. */
export interface SectionResult {
  /** Corpus-relative file path. */
  file: string;
  /** Section name. */
  name: string;
  /**
   * passed; failed (first failing assertion in detail); known-failure (failed, and listed as
   * a known failure: `why` says why); skipped (reason in detail).
   */
  status: 'passed' | 'failed' | 'known-failure' | 'skipped';
  /** Failure or skip detail; '' when passed. */
  detail: string;
  /** For a known failure: why it is known to fail. */
  why?: string;
}

/** A known failure that did not fail: the list must lose it. */
export interface StaleKnownFailure extends KnownFailure {
  /** What happened instead: `passed`, `skipped: <reason>`, or `not found in the corpus`. */
  readonly now: string;
}

/** The report of a corpus run (the `--json` output shape). */
export interface ConformanceReport {
  /** Test files found (each may hold several sections). */
  files: number;
  passed: number;
  /** Failures that are not known failures, file problems included. */
  failed: number;
  /** Failures listed as known (see `known-failures.ts`). */
  knownFailed: number;
  skipped: number;
  sections: SectionResult[];
  /** The known failures that failed, with why they are known and how they failed. */
  knownFailures: (KnownFailure & { readonly detail: string })[];
  /** Known failures that no longer fail. */
  stale: StaleKnownFailure[];
}

const CATCH_STATUS: Record<string, number> = { bad_request: 400, unauthorized: 401, forbidden: 403, missing: 404, request_timeout: 408, conflict: 409, unavailable: 503 };

class StepFailure extends Error {}

/** Per-section state: the fake, the stash and the last response. */
interface State {
  es: FakeElasticsearch;
  stash: Stash;
  last: unknown;
  lastText: string;
}

function runDo(st: State, args: Record<string, unknown>): void {
  const catchVal = args['catch'] as string | undefined;
  const api = Object.keys(args).find((k) => !['catch', 'headers', 'allowed_warnings', 'allowed_warnings_regex'].includes(k))!;
  const built = buildRequest(api, (st.stash.resolve(args[api] ?? {}) ?? {}) as Record<string, unknown>);
  if ('paramError' in built) {
    if (catchVal === 'param') return;
    throw new StepFailure(`${api}: client error ${built.paramError}`);
  }
  if (catchVal === 'param') throw new StepFailure(`${api}: expected a client-side param error, but the request was sent`);
  const res = st.es.handle(built.req);
  let parsed: unknown = res.body;
  try {
    parsed = res.body === '' ? '' : JSON.parse(res.body);
  } catch {
    /* keep text */
  }
  st.lastText = res.body;
  const isError = res.status >= 400 && !built.ignore.includes(res.status) && !(built.boolean && res.status === 404);
  st.last = built.boolean ? res.status === 200 : parsed;
  if (catchVal === undefined) {
    if (isError) throw new StepFailure(`${api}: unexpected status ${res.status}: ${res.body.slice(0, 300)}`);
    return;
  }
  if (!isError) throw new StepFailure(`${api}: expected error [${catchVal}] but got status ${res.status}`);
  if (isRegexLiteral(catchVal)) {
    const re = new RegExp(catchVal.trim().slice(1, -1));
    if (!re.test(res.body)) throw new StepFailure(`${api}: error body does not match ${catchVal}: ${res.body.slice(0, 300)}`);
  } else if (catchVal === 'request') {
    if (res.status < 400) throw new StepFailure(`${api}: expected a request error, got ${res.status}`);
  } else if (CATCH_STATUS[catchVal] !== res.status) {
    throw new StepFailure(`${api}: expected [${catchVal}] (${CATCH_STATUS[catchVal] ?? '?'}) but got ${res.status}: ${res.body.slice(0, 300)}`);
  }
}

const show = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v));

function runAssertion(st: State, kind: string, arg: unknown): void {
  const entries = kind === 'is_true' || kind === 'is_false' ? [[String(arg ?? ''), undefined] as const] : Object.entries((arg ?? {}) as Record<string, unknown>);
  for (const [rawPath, rawExpected] of entries) {
    const path = String(st.stash.resolve(rawPath));
    const actual = path === '$body' ? st.lastText : valueAt(st.last, path);
    const expected = st.stash.resolve(rawExpected);
    const fail = (msg: string) => { throw new StepFailure(`${kind} [${path}]: ${msg}`); };
    switch (kind) {
      case 'set': st.stash.set(String(rawExpected), actual); break;
      case 'is_true': if (!isTruthy(actual)) fail(`expected truthy, got ${show(actual)}`); break;
      case 'is_false': if (isTruthy(actual)) fail(`expected falsy, got ${show(actual)}`); break;
      case 'length': if (lengthOf(actual) !== Number(expected)) fail(`expected length ${show(expected)}, got ${show(lengthOf(actual))}`); break;
      case 'match':
        if (isRegexLiteral(expected)) {
          if (!commentsRegex(expected.trim().slice(1, -1)).test(typeof actual === 'string' ? actual : show(actual))) fail(`${show(actual)} does not match ${expected}`);
        } else if (!deepMatch(actual, expected)) fail(`expected ${show(expected)}, got ${show(actual)}`);
        break;
      default: {
        const a = Number(actual), e = Number(expected);
        const ok = typeof actual === 'number' && (kind === 'gt' ? a > e : kind === 'gte' ? a >= e : kind === 'lt' ? a < e : a <= e);
        if (!ok) fail(`expected ${kind} ${show(expected)}, got ${show(actual)}`);
      }
    }
  }
}

function runSteps(st: State, steps: readonly Step[]): void {
  for (const step of steps) {
    const kind = Object.keys(step)[0] as string;
    if (kind === 'skip' || kind === 'requires') continue;
    if (kind === 'do') runDo(st, (step['do'] ?? {}) as Record<string, unknown>);
    else runAssertion(st, kind, step[kind]);
  }
}

/** Runs one section (setup, steps, teardown) against a brand-new fake. */
export function runSection(file: TestFile, section: Section): SectionResult {
  const base = { file: file.file, name: section.name };
  if (section.error !== undefined) return { ...base, status: 'failed', detail: section.error };
  const skip = skipReason(file, section.steps);
  if (skip) return { ...base, status: 'skipped', detail: skip };
  const st: State = { es: new FakeElasticsearch(), stash: new Stash(), last: undefined, lastText: '' };
  try {
    runSteps(st, file.setup);
    runSteps(st, section.steps);
    runSteps(st, file.teardown);
    return { ...base, status: 'passed', detail: '' };
  } catch (e) {
    if (e instanceof StepFailure) return { ...base, status: 'failed', detail: e.message };
    return { ...base, status: 'failed', detail: `runner error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Runs every section of every YAML file under `dir`, then sets apart the `known` failures.
 * Throws only when `dir` is not a directory; every problem with an entry of the corpus
 * (unreadable, a broken symlink, bad YAML) is a failed `(file)` section with a one-line detail.
 */
export function runCorpus(dir: string, known: readonly KnownFailure[] = []): ConformanceReport {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`corpus directory not found: ${dir}`);
  const listing = listCorpus(dir);
  const sections: SectionResult[] = listing.problems.map((p) => ({ file: p.file, name: '(file)', status: 'failed', detail: p.detail }));
  for (const path of listing.files) {
    const file = parseTestFile(dir, path);
    if (file.error !== undefined) sections.push({ file: file.file, name: '(file)', status: 'failed', detail: file.error });
    else for (const s of file.sections) sections.push(runSection(file, s));
  }
  sections.sort((a, b) => (a.file === b.file ? 0 : a.file < b.file ? -1 : 1));
  const { marked, stale } = markKnown(sections, known);
  const count = (s: SectionResult['status']) => marked.filter((x) => x.status === s).length;
  const knownFailures = marked.filter((x) => x.status === 'known-failure').map((x) => ({ file: x.file, section: x.name, why: x.why ?? '', detail: x.detail }));
  return { files: listing.files.length, passed: count('passed'), failed: count('failed'), knownFailed: count('known-failure'), skipped: count('skipped'), sections: marked, knownFailures, stale };
}

/**
 * Marks the failures listed in `known`, and lists the entries that did not fail. An entry
 * whose file is not in this corpus at all does not apply (a partial corpus); one whose file
 * is there but whose section is not is stale.
 */
export function markKnown(sections: readonly SectionResult[], known: readonly KnownFailure[]): { marked: SectionResult[]; stale: StaleKnownFailure[] } {
  const find = (s: SectionResult) => known.find((k) => k.file === s.file && k.section === s.name);
  const marked = sections.map((s) => {
    const k = find(s);
    return k !== undefined && s.status === 'failed' ? { ...s, status: 'known-failure' as const, why: k.why } : s;
  });
  const stale: StaleKnownFailure[] = [];
  for (const k of known) {
    if (!sections.some((s) => s.file === k.file)) continue;
    const s = sections.find((x) => x.file === k.file && x.name === k.section);
    if (s === undefined) stale.push({ ...k, now: 'not found in the corpus' });
    else if (s.status === 'passed') stale.push({ ...k, now: 'passed' });
    else if (s.status === 'skipped') stale.push({ ...k, now: `skipped: ${s.detail}` });
  }
  return { marked, stale };
}
