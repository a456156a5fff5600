/**
 * `dst explore`: exhaustive search of a small scenario under a preemption bound.
 */
import { exploreScenario } from '../../harness/explore.ts';
import { makeRepro } from '../../harness/repro.ts';
import { loadScenario } from '../../scenario/load.ts';
import { parsePositiveInt, parseVariant } from '../args.ts';
import { writeInside } from '../files.ts';
import { println, type Io } from '../io.ts';
import { styleFor } from '../report/style.ts';

/** Raw flags of `dst explore`. */
export interface ExploreFlags {
  scenario?: string;
  variant: string;
  bound: string;
  maxSchedules: string;
  save?: string;
  json?: boolean;
}

/** Runs `dst explore`; returns the exit code. */
export function exploreCommand(flags: ExploreFlags, io: Io): number {
  const ref = flags.scenario ?? 'tiny';
  const scenario = loadScenario(ref);
  const variant = parseVariant(flags.variant);
  const bound = parsePositiveInt('--bound', flags.bound, 100, true);
  const max = parsePositiveInt('--max-schedules', flags.maxSchedules, 10_000_000);
  const r = exploreScenario(scenario, ref, variant, bound, max);
  let saved: string | null = null;
  if (r.failure !== null && flags.save !== undefined) {
    const spec = { scenario, scenarioRef: ref, variant, strategy: { kind: 'decisions' as const, decisions: r.failure.decisionList }, swarm: false };
    saved = writeInside(flags.save, `${scenario.name}-${variant}-explore.json`, `${JSON.stringify(makeRepro(spec, r.failure, `found by dst explore --bound ${bound}`), null, 2)}\n`);
  }
  if (flags.json) {
    const { failure, ...rest } = r;
    println(io.stdout, JSON.stringify({ ...rest, violations: failure ? failure.violations.map((v) => ({ property: v.property, message: v.message })) : [], failure: failure && { property: failure.property, message: failure.message, traceHash: failure.traceHash, decisions: failure.decisionList.length, replay: saved ? `npx dst replay ${saved}` : 'save it with --save DIR, then npx dst replay FILE' }, saved }));
  } else {
    const st = styleFor(io.stdout.isTTY === true);
    println(io.stdout, `explored ${r.schedules} schedules of ${r.scenario} on ${variant} (preemption bound ${bound}): ${r.exhausted ? 'space exhausted' : `not exhausted (budget ${max})`}`);
    if (r.failure === null) println(io.stdout, st.green('no violation'));
    else {
      println(io.stdout, st.red(`✗ ${r.failure.property}: ${r.failure.message}`));
      println(io.stdout, saved ? `    replay: npx dst replay ${saved}` : '    save it with --save DIR, then: npx dst replay FILE');
    }
  }
  return r.passed ? 0 : 1;
}
