/**
 * `dst run --junit FILE` (and `dst merge --junit FILE`): a JUnit XML report as GitHub,
 * GitLab and Jenkins read it: `testsuites` > one `testsuite` per scenario and variant >
 * one `testcase` per property (or per run, with `--junit-per-run`), a `failure` (message,
 * type, body) for each failing property, an `error` for runs a budget of the tool
 * stopped; counts and times (seconds) on every suite.
 */
import type { CaseReport } from '../../harness/case.ts';
import type { SweepOutcome } from './run-outcome.ts';
import { xmlDocument, type XmlElement } from './xml.ts';

/** How test cases are cut. */
export interface JunitOptions {
  /** One test case per run instead of per property. */
  readonly perRun: boolean;
}

/** Failing runs listed in one failure's body. */
const MAX_LISTED = 20;

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const seedText = (r: CaseReport) => (r.seed === null ? 'decision list' : `seed ${r.seed}`);

/** The violation message of property `p` in run `r`. */
function messageOf(r: CaseReport, p: string): string {
  return r.violations.find((v) => v.property === p)?.message ?? r.message ?? '';
}

/** The JUnit document of a sweep. */
export function junitXml(o: SweepOutcome, opts: JunitOptions): string {
  const groups = new Map<string, Array<{ r: CaseReport; ms: number }>>();
  o.reports.forEach((r, i) => {
    const key = `${r.variant}\u0000${r.scenario}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push({ r, ms: o.ms[i] ?? 0 });
  });
  const checked = o.properties.map((p) => p.name).filter((p) => p !== 'determinism' || o.reruns !== null || o.reports.some((r) => (r.violationCounts[p] ?? 0) > 0));
  const suites = [...groups.values()].map((runs) => (opts.perRun ? perRunSuite(o, runs) : perPropertySuite(o, runs, checked)));
  const sum = (k: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + Number(s.attrs?.[k] ?? 0), 0);
  const time = o.ms.reduce((a, b) => a + b, 0);
  return xmlDocument({ name: 'testsuites', attrs: { name: `dst run ${o.target}`, tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), skipped: 0, time: seconds(time) }, children: suites });
}

function suiteAttrs(o: SweepOutcome, first: CaseReport, tests: number, failures: number, errors: number, ms: number): Record<string, string | number> {
  return { name: `${o.target}: ${first.scenario} on ${first.variant}`, tests, failures, errors, skipped: 0, time: seconds(ms) };
}

function suiteProperties(o: SweepOutcome): XmlElement {
  const props: Array<[string, string]> = [
    ['target', o.target],
    ['strategy', o.strategy],
    ['seeds', `${o.seeds.from}..${o.seeds.to}`],
    ...(o.shard ? ([['shard', `${o.shard.index}/${o.shard.count}`]] as Array<[string, string]>) : []),
    ...(o.swarm ? ([['swarm', 'true']] as Array<[string, string]>) : []),
  ];
  return { name: 'properties', children: props.map(([name, value]) => ({ name: 'property', attrs: { name, value } })) };
}

function perPropertySuite(o: SweepOutcome, runs: ReadonlyArray<{ r: CaseReport; ms: number }>, properties: readonly string[]): XmlElement {
  const first = (runs[0] as { r: CaseReport }).r;
  const classname = `dst.${o.target}.${first.variant}.${first.scenario}`;
  const ms = runs.reduce((a, x) => a + x.ms, 0);
  const each = properties.length > 0 ? ms / properties.length : 0;
  const cases: XmlElement[] = properties.map((p) => {
    const failing = runs.filter(({ r }) => !r.limit && (r.violationCounts[p] ?? 0) > 0).map((x) => x.r);
    const f = failing[0];
    if (f === undefined) return { name: 'testcase', attrs: { name: p, classname, time: seconds(each) } };
    const body = failing.slice(0, MAX_LISTED).map((r) => `${seedText(r)}: ${messageOf(r, p)}\n  replay: ${r.replay}`);
    if (failing.length > MAX_LISTED) body.push(`... and ${failing.length - MAX_LISTED} more failing runs (dst run --json lists them all)`);
    const message = `${failing.length} of ${runs.length} runs failed ${p}; first ${seedText(f)}: ${messageOf(f, p)}`;
    return { name: 'testcase', attrs: { name: p, classname, time: seconds(each) }, children: [{ name: 'failure', attrs: { message, type: p }, text: body.join('\n') }] };
  });
  const limited = runs.filter(({ r }) => r.limit).map((x) => x.r);
  const l = limited[0];
  if (l !== undefined) {
    const body = limited.slice(0, MAX_LISTED).map((r) => `${seedText(r)}: ${r.limit}\n  replay: ${r.replay}`).join('\n');
    cases.push({ name: 'testcase', attrs: { name: 'budgets of dst', classname, time: '0.000' }, children: [{ name: 'error', attrs: { message: `${limited.length} runs stopped by a budget of dst (not a finding): ${l.limit}`, type: 'resource-budget' }, text: body }] });
  }
  const failures = cases.filter((c) => c.children?.some((k) => k.name === 'failure')).length;
  return { name: 'testsuite', attrs: suiteAttrs(o, first, cases.length, failures, l !== undefined ? 1 : 0, ms), children: [suiteProperties(o), ...cases] };
}

function perRunSuite(o: SweepOutcome, runs: ReadonlyArray<{ r: CaseReport; ms: number }>): XmlElement {
  const first = (runs[0] as { r: CaseReport }).r;
  const classname = `dst.${o.target}.${first.variant}.${first.scenario}`;
  const cases: XmlElement[] = runs.map(({ r, ms }) => {
    const attrs = { name: seedText(r), classname, time: seconds(ms) };
    if (r.limit) return { name: 'testcase', attrs, children: [{ name: 'error', attrs: { message: `stopped by a budget of dst (not a finding): ${r.limit}`, type: 'resource-budget' }, text: `replay: ${r.replay}` }] };
    if (r.passed) return { name: 'testcase', attrs };
    const props = Object.keys(r.violationCounts);
    const body = props.map((p) => `${p} ×${r.violationCounts[p]}: ${messageOf(r, p)}`).concat(`replay: ${r.replay}`).join('\n');
    return { name: 'testcase', attrs, children: [{ name: 'failure', attrs: { message: `${r.property ?? props[0] ?? ''}: ${r.message ?? ''}`, type: r.property ?? props[0] ?? 'failure' }, text: body }] };
  });
  const failures = runs.filter(({ r }) => !r.passed && !r.limit).length;
  const errors = runs.filter(({ r }) => r.limit).length;
  return { name: 'testsuite', attrs: suiteAttrs(o, first, cases.length, failures, errors, runs.reduce((a, x) => a + x.ms, 0)), children: [suiteProperties(o), ...cases] };
}
