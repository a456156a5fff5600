/**
 * `npm run regressions:accept`: after an intended change to the kernel or the engine,
 * rewrites the trace hash of every regression file whose OUTCOME still matches. A file
 * whose outcome changed is left alone and reported: that is a behaviour change to look at.
 */
import { basename } from 'node:path';
import { checkRegression, regressionFiles } from '../harness/regressions.ts';
import { writeAtomic } from './files.ts';

let changed = 0;
let broken = 0;
for (const file of regressionFiles()) {
  const c = await checkRegression(file);
  if (!c.outcomeMatches) {
    broken++;
    process.stdout.write(`OUTCOME CHANGED ${basename(file)}: expected ${c.repro.expect}, got ${c.actual} (left unchanged)\n`);
  } else if (!c.hashMatches) {
    changed++;
    writeAtomic(file, `${JSON.stringify({ ...c.repro, traceHash: c.report.traceHash }, null, 2)}\n`);
    process.stdout.write(`hash updated    ${basename(file)}: ${c.repro.traceHash} -> ${c.report.traceHash}\n`);
  }
}
process.stdout.write(`${changed} hash(es) updated, ${broken} outcome change(s)\n`);
process.exitCode = broken > 0 ? 1 : 0;
