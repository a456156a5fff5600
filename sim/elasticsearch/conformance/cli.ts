import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCorpus, type ConformanceReport } from './runner.ts';

const USAGE = 'usage: es-conformance --dir DIR [--json]';

/** Parses argv; returns the options or a one-line error. */
export function parseArgs(argv: readonly string[]): { dir: string; json: boolean } | { error: string } {
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

/** CLI entry: exit 0 all ran sections passed, 1 some failed, 2 bad flags or missing directory. */
export function main(argv: readonly string[]): number {
  const opts = parseArgs(argv);
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
