/**
 * `npx tsx bench/child-findings.ts [SEEDS]`: the README's child-bulker table. For each
 * remote-output scenario and each distinct flag set, runs seeds 0..SEEDS-1 (default 10)
 * and sums what `scenario/child-findings.ts` counts: children whose Run was never
 * cancelled (orphans), Run goroutines stuck on the unbuffered `errCh`, and operations
 * handed to a child after its cancel.
 */
import { DISTINCT_VARIANTS } from '../engine/index.ts';
import { runCase } from '../harness/case.ts';
import { childFindings } from '../scenario/child-findings.ts';
import type { EngineWorld } from '../scenario/world.ts';
import { engineCase } from '../targets/bulk-engine/testing.ts';

const seeds = Number(process.argv[2] ?? 10);
if (!Number.isInteger(seeds) || seeds < 1) throw new RangeError(`SEEDS must be a positive integer, got ${process.argv[2]}`);
console.log(`seeds 0..${seeds - 1}; columns: orphaned children, Run goroutines stuck on errCh, operations handed to a cancelled child`);
for (const scenario of ['remote-first-use', 'remote-config-change', 'remote-failed-recreate']) {
  for (const variant of DISTINCT_VARIANTS) {
    let orphans = 0;
    let errChLeaks = 0;
    let deadChildOps = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const f = childFindings(runCase(engineCase({ scenario, variant, seed })).run.world as EngineWorld);
      orphans += f.orphans;
      errChLeaks += f.errChLeaks;
      deadChildOps += f.deadChildOps;
    }
    console.log(`${scenario.padEnd(24)} ${variant.padEnd(14)} ${[orphans, errChLeaks, deadChildOps].map((n) => String(n).padStart(5)).join(' ')}`);
  }
}
