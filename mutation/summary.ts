/**
 * Prints the mutation score and every surviving mutant from Stryker's JSON report
 * (`reports/mutation/mutation.json`), one line each: file:line:column, mutator, and the
 * replacement. Run by `npm run mutation` after Stryker.
 */
import { readFileSync } from 'node:fs';

interface Mutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8')) as { files: Record<string, { mutants: Mutant[] }> };
const counts: Record<string, number> = {};
const survivors: string[] = [];
for (const [file, f] of Object.entries(report.files)) {
  for (const m of f.mutants) {
    counts[m.status] = (counts[m.status] ?? 0) + 1;
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      survivors.push(`${file}:${m.location.start.line}:${m.location.start.column}  ${m.status === 'NoCoverage' ? '[no coverage] ' : ''}${m.mutatorName}  ${JSON.stringify((m.replacement ?? '').slice(0, 100))}`);
    }
  }
}
const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
process.stdout.write(`mutation score ${((100 * detected) / Math.max(1, valid)).toFixed(2)}% (${detected} detected of ${valid}; ${JSON.stringify(counts)})\n`);
process.stdout.write(`${survivors.length} surviving mutants:\n${survivors.join('\n')}\n`);
