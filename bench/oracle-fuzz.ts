/**
 * `npm run oracle-fuzz -- SEED PROGRAMS SLIPS MAXOPS`: the test suite's brute-force oracle
 * at other seeds and sizes than the suite runs. Draws PROGRAMS generated programs (at most
 * MAXOPS operations, 2-4 tasks) with fast-check's seed SEED, explores each with plain DFS
 * and with DPOR (time slips on when SLIPS is `slips`, off when `none`), and prints every
 * program where DPOR misses a class, runs one twice or finds other violations, then one
 * JSON line: how many programs plain DFS exhausted (the others are skipped) and how many
 * disagreed. Exit code 1 when any disagreed.
 */
import fc from 'fast-check';
import { disagreement, programs } from '../sim/dpor/oracle-programs.test-util.ts';

/** Larger than the suite's 4,000, so more of the bigger programs are checked. */
const MAX_SCHEDULES = 6_000;

function main(argv: readonly string[]): number {
  const [seed, count, slips, maxOps] = argv.map((a, i) => (i === 2 ? a : Number(a)));
  const ints = [seed, count, maxOps].every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0);
  if (argv.length !== 4 || !ints || (slips !== 'slips' && slips !== 'none')) {
    process.stderr.write('oracle-fuzz: usage: npm run oracle-fuzz -- SEED PROGRAMS slips|none MAXOPS (SEED, PROGRAMS, MAXOPS non-negative integers)\n');
    return 2;
  }
  let checked = 0;
  let disagreed = 0;
  for (const p of fc.sample(programs(maxOps as number), { numRuns: count as number, seed: seed as number })) {
    const d = disagreement(p, undefined, slips === 'slips', MAX_SCHEDULES);
    if (d === undefined) continue;
    checked++;
    if (d === null) continue;
    disagreed++;
    process.stdout.write(`${d}\n  program: ${JSON.stringify(p)}\n`);
  }
  process.stdout.write(`${JSON.stringify({ seed, programs: count, slips: slips === 'slips', maxOps, checked, disagreed })}\n`);
  return disagreed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
