/**
 * Running the YAML tests against a fresh fake per section: executing steps, checking
 * assertions, and reporting passed, failed and skipped sections.
 */
import { existsSync, statSync } from 'node:fs';
import { FakeElasticsearch } from '../fake.ts';
import { buildRequest } from './api-spec.ts';
import { commentsRegex, deepMatch, isRegexLiteral, isTruthy, lengthOf, valueAt } from './assertions.ts';
import { listYamlFiles, parseTestFile, type Step, type TestFile } from './loader.ts';
import { skipReason } from './skip.ts';
import { Stash } from './stash.ts';

/** Outcome of one test section. */
export interface SectionResult {
  /** Corpus-relative file path. */
  file: string;
  /** Section name. */
  name: string;
  /** passed, failed (first failing assertion in detail) or skipped (reason in detail). */
  status: 'passed' | 'failed' | 'skipped';
  /** Failure or skip detail; '' when passed. */
  detail: string;
}

/** The report of a corpus run (the `--json` output shape). */
export interface ConformanceReport {
  passed: number;
  failed: number;
  skipped: number;
  sections: SectionResult[];
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
    const kind = Object.keys(step)[0]!;
    if (kind === 'skip' || kind === 'requires') continue;
    if (kind === 'do') runDo(st, (step['do'] ?? {}) as Record<string, unknown>);
    else runAssertion(st, kind, step[kind]);
  }
}

/** Runs one section (setup, steps, teardown) against a brand-new fake. */
export function runSection(file: TestFile, section: { name: string; steps: Step[] }): SectionResult {
  const base = { file: file.file, name: section.name };
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

/** Runs every section of every YAML file under `dir`. Throws only when `dir` is not a directory. */
export function runCorpus(dir: string): ConformanceReport {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`corpus directory not found: ${dir}`);
  const sections: SectionResult[] = [];
  for (const path of listYamlFiles(dir)) {
    const file = parseTestFile(dir, path);
    if (file.error) {
      sections.push({ file: file.file, name: '(file)', status: 'failed', detail: `YAML error: ${file.error}` });
      continue;
    }
    for (const s of file.sections) sections.push(runSection(file, s));
  }
  const count = (s: SectionResult['status']) => sections.filter((x) => x.status === s).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), sections };
}
