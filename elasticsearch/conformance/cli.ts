/**
 * `npm run es-conformance`: runs the Elasticsearch YAML REST test corpus against the fake,
 * prints a per-section table or JSON, and sets the exit code. The only part of the runner
 * that prints or exits.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KNOWN_FAILURES } from './known-failures.ts';
import { runCorpus, type ConformanceReport } from './runner.ts';

/** The one-line usage. */
const USAGE = 'usage: es-conformance --dir DIR [--json]';

/** Full help text, printed by `--help`. */
export const HELP = [
  USAGE,
  '',
  'Runs the Elasticsearch YAML REST tests under DIR against the fake Elasticsearch.',
  '',
  'options:',
  '  --dir DIR   corpus directory (required)',
  '  --json      print the report as JSON instead of a table',
  '  --help, -h  print this help and exit 0',
  '',
  'Sections listed in elasticsearch/conformance/known-failures.ts (each with why) may fail;',
  'they are listed as known failures. A listed section that passes, is skipped or is gone',
  'fails the run until it is removed from the list.',
  '',
  'exit codes:',
  '  0  every section that ran passed, or failed as a known failure (skipped sections do not count)',
  '  1  a section failed that is not a known failure, a corpus file could not be used, or a known failure no longer fails',
  '  2  bad input: unknown or incomplete flags, DIR is not a directory, or DIR holds no test files',
].join('\n');

/** Parses argv; returns the options or a one-line error. */
export function parseArgs(argv: readonly string[]): { dir: string; json: boolean } | { help: true } | { error: string } {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) return { help: true };
  let dir: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--dir') {
      dir = argv[++i];
      if (dir === undefined) return { error: `--dir needs a value; ${USAGE}` };
    } else if (a.startsWith('--dir=')) dir = a.slice(6);
    else return { error: `unknown argument [${a}]; ${USAGE}` };
  }
  if (dir === undefined) return { error: `missing --dir; ${USAGE}` };
  return { dir, json };
}

/** The status column of a section row. */
function statusLabel(s: ConformanceReport['sections'][number]): string {
  return (s.status === 'known-failure' ? 'known' : s.status).padEnd(7);
}

/** Renders the readable table: one row per section, the known failures, stale entries, and the totals. */
export function formatTable(r: ConformanceReport): string {
  const rows = r.sections.map((s) => `${statusLabel(s)}  ${s.file}  "${s.name}"${s.detail ? `  — ${s.detail}` : ''}`);
  if (r.knownFailures.length > 0) {
    rows.push('', `known failures (${r.knownFailures.length}, listed in elasticsearch/conformance/known-failures.ts):`);
    for (const k of r.knownFailures) rows.push(`  ${k.file}  "${k.section}": ${k.why}`);
  }
  for (const k of r.stale) rows.push('', `no longer failing: ${k.file}  "${k.section}" (${k.now}): remove it from the list in elasticsearch/conformance/known-failures.ts`);
  const ran = r.passed + r.failed + r.knownFailed;
  const pct = ran === 0 ? 0 : (100 * r.passed) / ran;
  rows.push('', `passed ${r.passed}, failed ${r.failed}, known failures ${r.knownFailed}, skipped ${r.skipped}; ${pct.toFixed(1)}% of ${ran} supported sections pass`);
  return rows.join('\n');
}

/** The exit code of a finished run: 1 on an unexpected failure or a stale known failure, else 0. */
export function exitCode(r: ConformanceReport): 0 | 1 {
  return r.failed > 0 || r.stale.length > 0 ? 1 : 0;
}

/**
 * CLI entry. Returns the exit code: 0 when every section that ran passed or failed as a
 * known failure (also after `--help`), 1 on any other failure or a stale known failure, 2
 * on bad input (flags, `--dir` not a directory, or no test files under it).
 */
export function main(argv: readonly string[]): number {
  const opts = parseArgs(argv);
  if ('help' in opts) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if ('error' in opts) {
    process.stderr.write(opts.error + '\n');
    return 2;
  }
  const dir = resolve(opts.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`corpus directory not found: ${dir}\n`);
    return 2;
  }
  const report = runCorpus(dir, KNOWN_FAILURES);
  if (report.files === 0 && report.sections.length === 0) {
    process.stderr.write(`no test files (*.yml, *.yaml) under ${dir}\n`);
    return 2;
  }
  process.stdout.write((opts.json ? JSON.stringify(report) : formatTable(report)) + '\n');
  return exitCode(report);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
