/**
 * Enrollment (spec §8.3, version C): a Search with a dedupe key (the enrollment
 * search queue), then a Create of the agent document with refresh.
 */
import { sleep, withTimeout, sec, type Proc } from '../sim/index.ts';
import { between, WL } from './draw.ts';
import { create, search } from './calls.ts';
import type { EngineWorld } from './world.ts';

/** Task `enroller`: spawns `enroll-<n>` tasks at the scenario's rate until shutdown begins. */
export function* enrollmentSource(w: EngineWorld): Proc<void> {
  const wl = w.scenario.workload;
  const meanGap = 1 / wl.enrollmentsPerS;
  for (let n = 0; ; n++) {
    yield* sleep(between(w.sim, { min: 0, max: 2 * meanGap }, WL.enrollGap));
    if (w.stopping) return;
    const key = `enroll-${w.sim.decide(wl.enrollmentKeys, WL.enrollKey)}`;
    w.sim.spawn(`enroll-${n}`, () => enroll(w, key, n));
  }
}

function* enroll(w: EngineWorld, key: string, n: number): Proc<void> {
  const [ctx, cancel] = withTimeout(w.serverCtx, sec(30), `enroll-${n}`);
  try {
    const body = JSON.stringify({ query: { term: { 'enrollment_id': key } } });
    const found = yield* search(w, ctx, '.fleet-agents', body, { dedupeKey: key, refreshIndex: '.fleet-agents' });
    if (found.err !== null) return;
    const fields = { enrollment_id: key, enrolled_by: n };
    yield* create(w, ctx, '.fleet-agents', `${key}-agent-${n}`, JSON.stringify(fields), { refresh: true }, { index: '.fleet-agents', id: `${key}-agent-${n}`, fields });
  } finally {
    cancel();
  }
}
