/**
 * `npx tsx bench/goker/write-corpus.ts [--only ID,ID]`: writes the GoKer regression corpus,
 * `fixtures/regressions/goker/`: per ported kernel, the buggy variant's first failing
 * seed (as the test suite finds it: `findBug`) expected to fail with its core property, and
 * the fixed variant on seed 0 expected to pass; `--only` rewrites just the kernels named. `npm test` replays them like every other
 * repro file. Rerun after an intended change to a kernel.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { runCase } from '../../harness/case.ts';
import { makeRepro } from '../../harness/repro.ts';
import { seedStrategy } from '../../harness/sweep.ts';
import { loadKernel, PORTED } from '../../targets/goker/catalog.ts';
import { findBug, kernelCase } from '../../targets/goker/testing.ts';

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : null;
const kernels = PORTED.filter((k) => only === null || only.has(k.id));
if (only !== null && kernels.length !== only.size) throw new Error(`--only names a kernel that is not ported: ${[...only].filter((id) => !kernels.some((k) => k.id === id)).join(', ')}`);
const dir = new URL('../../fixtures/regressions/goker/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const k of kernels) {
  const t = await loadKernel(k);
  const found = findBug(t, k);
  if (found.firstFailingSeed === null) throw new Error(`${k.id}: buggy variant not found`);
  for (const [variant, kind, seed] of [['buggy', found.strategy, found.firstFailingSeed], ['fixed', 'random', 0]] as const) {
    const base = kernelCase(t, variant);
    const spec = { ...base, strategy: seedStrategy(kind, seed, base) };
    const report = runCase(spec).report;
    const note = variant === 'buggy' ? `GoKer ${k.id} (${k.category}, ${k.subcategory}): the bug, found by ${kind} seed ${seed}` : `GoKer ${k.id}: the fixed variant passes`;
    writeFileSync(new URL(`${k.id}-${variant}.json`, dir), `${JSON.stringify(makeRepro(spec, report, note), null, 2)}\n`);
    process.stdout.write(`${k.id} ${variant}: ${report.property ?? 'pass'}\n`);
  }
}
