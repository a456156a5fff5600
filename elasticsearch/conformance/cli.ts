/**
 * `npm run es-conformance`: runs the Elasticsearch YAML REST test corpus against the fake,
 * prints a per-section table or JSON, and sets the exit code. The only part of the runner
 * that prints or exits.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCorpus, type ConformanceReport } from './runner.ts';

/**
 * Runs the Elasticsearch YAML REST test corpus against the fake and prints a per-section table
 * (or JSON with `--json`).
 *
 * Exit codes:
 * - 0: every section that ran passed (skipped sections do not count);
 * - 1: at least one section that ran failed;
 * - 2: bad input: unknown or incomplete flags, `--help` not given alone, or `--dir` is not a directory.
 */
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
  'exit codes:',
  '  0  every section that ran passed (skipped sections do not count)',
  '  1  at least one section that ran failed',
  '  2  bad input: unknown or incomplete flags, or DIR is not a directory',
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

/** Renders the readable table. */
export function formatTable(r: ConformanceReport): string {
  const rows = r.sections.map((s) => `${s.status.padEnd(7)}  ${s.file}  "${s.name}"${s.detail ? `  — ${s.detail}` : ''}`);
  const ran = r.passed + r.failed;
  const pct = ran === 0 ? 0 : (100 * r.passed) / ran;
  rows.push('', `passed ${r.passed}, failed ${r.failed}, skipped ${r.skipped}; ${pct.toFixed(1)}% of ${ran} supported sections pass`);
  return rows.join('\n');
}

/**
 * CLI entry. Returns the exit code: 0 when every section that ran passed (also after `--help`),
 * 1 when at least one section that ran failed, 2 on bad input (flags, or `--dir` not a directory).
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
  const report = runCorpus(dir);
  process.stdout.write((opts.json ? JSON.stringify(report) : formatTable(report)) + '\n');
  return report.failed > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
