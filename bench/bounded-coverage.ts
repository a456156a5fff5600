/**
 * `npm run bounded-coverage -- SCENARIO VARIANT BOUND`: how much of what plain DFS covers
 * within a preemption bound the reduction covers within the same bound. Explores the
 * scenario twice over the whole space (every schedule, not stopping at violations), plain
 * DFS and DPOR, both counting Mazurkiewicz classes, and prints one line per search and
 * the classes DFS ran that DPOR did not (the figure behind `dst explore`'s warning that a
 * bound over the reduction may miss schedules) and those DPOR ran that DFS did not (a
 * schedule over the bound: there should be none), then one JSON line.
 */
import { runWithStrategy } from '../harness/case.ts';
import { resolveVariant } from '../harness/configuration.ts';
import { exploreSpec } from '../harness/explore.ts';
import { loadTarget } from '../harness/targets.ts';
import { explore } from '../sim/index.ts';

const clock = (): number => performance.now(); // determinism-ok: the bench times itself, outside any run

async function main(argv: readonly string[]): Promise<number> {
  const [scenario, variant, boundWord] = argv;
  const bound = Number(boundWord);
  if (scenario === undefined || variant === undefined || !Number.isInteger(bound) || bound < 0 || argv.length !== 3) {
    process.stderr.write('bounded-coverage: usage: npm run bounded-coverage -- SCENARIO VARIANT BOUND (BOUND a non-negative integer)\n');
    return 2;
  }
  const target = await loadTarget(undefined);
  const spec = exploreSpec(target, scenario, resolveVariant(target.target, variant, 'VARIANT'));
  const out: Record<string, { schedules: number; classes: number; exhausted: boolean; wallMs: number }> = {};
  const sets: Record<string, Set<number>> = {};
  for (const reduction of ['none', 'dpor'] as const) {
    const t0 = clock();
    const r = explore((s) => runWithStrategy(spec, s), () => false, { preemptionBound: bound, maxSchedules: 1_000_000, reduction, countClasses: true, stopAtFirstFailure: false });
    sets[reduction] = new Set(r.signatures);
    out[reduction] = { schedules: r.schedules, classes: sets[reduction].size, exhausted: r.exhausted, wallMs: Math.round(clock() - t0) };
    process.stdout.write(`${reduction === 'none' ? 'plain DFS' : 'DPOR     '}: ${r.schedules.toLocaleString('en-US')} schedules, ${sets[reduction].size.toLocaleString('en-US')} classes${r.exhausted ? '' : ' (not exhausted)'}, ${(out[reduction].wallMs / 1000).toFixed(1)} s\n`);
  }
  const missed = [...(sets.none as Set<number>)].filter((c) => !(sets.dpor as Set<number>).has(c)).length;
  // Classes only the reduction ran: a schedule over the bound (the reduction's tree checks the bound, so none).
  const beyond = [...(sets.dpor as Set<number>)].filter((c) => !(sets.none as Set<number>).has(c)).length;
  process.stdout.write(`${scenario} on ${variant} within bound ${bound}: DPOR missed ${missed.toLocaleString('en-US')} of plain DFS's ${(sets.none as Set<number>).size.toLocaleString('en-US')} classes, and ran ${beyond.toLocaleString('en-US')} beyond them\n`);
  process.stdout.write(`${JSON.stringify({ scenario, variant, bound, dfs: out.none, dpor: out.dpor, missed, beyond })}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bounded-coverage: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
