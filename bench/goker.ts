/**
 * `npm run goker [-- --json] [-- --only ID,ID]`: runs every ported GoKer kernel (random
 * walk and PCT over seeds 0..199 or to the first failure, depth-first exploration of both
 * variants within a budget, the fixed variant over the same seeds) and prints a table per
 * kernel and a summary with GoBench's rows; `--json` prints one JSON object instead.
 */
import { KERNELS, PORTED } from '../targets/goker/catalog.ts';
import { measureKernel, type KernelMeasurement } from './goker/measure.ts';
import { kernelTable, shrinkLine, summaryTable } from './goker/render.ts';
import { summarise } from './goker/summary.ts';

const clock = (): number => performance.now(); // determinism-ok: the bench times itself, outside any run

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((argv[onlyAt + 1] ?? '').split(',')) : null;
  const unknown = argv.filter((a, i) => a.startsWith('--') && a !== '--json' && a !== '--only' && !(onlyAt >= 0 && i === onlyAt + 1));
  if (unknown.length > 0) {
    process.stderr.write(`goker: unknown flag ${unknown[0]} (allowed: --json, --only ID,ID)\n`);
    return 2;
  }
  const kernels = PORTED.filter((k) => only === null || only.has(k.id));
  if (only !== null && kernels.length !== only.size) {
    process.stderr.write(`goker: --only names a kernel that is not ported (ported: ${PORTED.map((k) => k.id).join(', ')})\n`);
    return 2;
  }
  const t0 = clock();
  const ms: KernelMeasurement[] = [];
  for (const k of kernels) {
    const m = await measureKernel(k, clock);
    ms.push(m);
    if (!json) process.stderr.write(`  ${m.id}: ${m.detected ? 'found' : 'not found'}, fixed ${m.fixedClean ? 'clean' : 'FAILS'} (${m.wallMs} ms)\n`);
  }
  const summary = summarise(only === null ? KERNELS : KERNELS.filter((k) => only.has(k.id)), ms);
  const wallMs = Math.round(clock() - t0);
  if (json) {
    process.stdout.write(`${JSON.stringify({ kernels: ms, summary, wallMs })}\n`);
  } else {
    process.stdout.write(`${[...kernelTable(ms), '', ...summaryTable(summary), '', shrinkLine(ms), '', `wall time: ${(wallMs / 1000).toFixed(1)} s`].join('\n')}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`goker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(3);
  },
);
